using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Api.Identity;

/// <summary>The actor of work that has no HTTP request: the CLI verbs.</summary>
public sealed class FixedActor : ICurrentActor
{
    private Guid? _userId;

    public Guid UserId => _userId ?? throw new InvalidOperationException("No user was set for this command.");

    public string Email { get; private set; } = "cli";

    public bool IsAdmin { get; private set; }

    public string? ApiKeyName { get; private set; }

    /// <summary>Whoever runs the command line on the server holds its secrets already; nothing narrows them.</summary>
    public bool HasScope(string scope) => true;

    /// <summary>Likewise every repository: the command line is the operator's.</summary>
    public IReadOnlyList<Guid>? RepositoryIds => null;

    public void Set(Guid userId, string email, bool isAdmin, string? apiKeyName = null)
    {
        _userId = userId;
        Email = email;
        IsAdmin = isAdmin;
        ApiKeyName = apiKeyName;
    }
}
