using TaskManager.Domain.Common;

namespace TaskManager.Domain.Repositories;

/// <summary>A code repository that tasks belong to (named "repository" in the API; not a data-access class).</summary>
public sealed class CodeRepository
{
    public const int NameMaxLength = 255;
    public const int UrlMaxLength = 500;

    private CodeRepository()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? Url { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// An existing repository rebuilt from what a cache remembers (id and name), for a unit of work to attach unchanged
    /// so a task can point at it without reading its row. It carries no other column, so it is never changed or saved.
    /// </summary>
    public static CodeRepository Reference(Guid id, string name) => new() { Id = id, Name = name };

    public static CodeRepository Create(string name, string? url, DateTimeOffset now)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
            throw new DomainException("A repository needs a name.", "name");
        return new CodeRepository
        {
            Id = Guid.CreateVersion7(now),
            Name = trimmed,
            Url = string.IsNullOrWhiteSpace(url) ? null : url.Trim(),
            CreatedAt = now,
        };
    }
}
