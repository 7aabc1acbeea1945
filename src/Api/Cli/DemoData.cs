using Mediator;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Repositories.Commands.CreateRepository;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Users.Commands.CreateUser;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Cli;

/// <summary>A demo user, two repositories and a handful of tasks, created through the same use cases as real ones.</summary>
public static class DemoData
{
    public const string AdminEmail = "demo@example.com";
    public const string RepositoryName = "demo";

    private static readonly (string Title, string Description, string Priority, string? Status)[] Tasks =
    [
        ("Set up CI for the demo repository", "Run scripts/test.sh on every push.", "high", "completed"),
        ("Add rate limiting to the public API", "Per user and per API key, answering 429 with Retry-After.", "urgent", "in_progress"),
        ("Write the onboarding guide", "Explain how agents and humans share the board.", "medium", null),
        ("Investigate slow history queries", "Blocked until the production profile arrives.", "low", "blocked"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var actor = services.GetRequiredService<FixedActor>();
        var sender = services.GetRequiredService<ISender>();
        actor.Set(Guid.Empty, "operator", isAdmin: true);
        await EnsureAsync(() => sender.Send(new CreateUserCommand(AdminEmail, "Demo Admin", null), ct));
        await EnsureAsync(() => sender.Send(new CreateUserCommand("ada@example.com", "Ada Lovelace", null), ct));
        await EnsureAsync(() => sender.Send(new CreateRepositoryCommand(RepositoryName, "https://github.com/example/demo"), ct));
        await EnsureAsync(() => sender.Send(new CreateRepositoryCommand("api", "https://github.com/example/api"), ct));

        var adminId = await services.GetRequiredService<KnownUsers>().FindIdAsync(AdminEmail, ct)
            ?? throw new InvalidOperationException($"{AdminEmail} was just ensured but is missing.");
        actor.Set(adminId, AdminEmail, isAdmin: true);
        foreach (var (title, description, priority, status) in Tasks)
        {
            // The title doubles as the idempotency key, so seeding twice creates nothing new.
            var created = await sender.Send(new CreateTaskCommand(title, description, AdminEmail, RepositoryName, priority,
                IdempotencyKey: "seed:" + title), ct);
            if (!created.Replayed && status is not null)
                await sender.Send(new ChangeTaskStatusCommand(created.Task.Id, status, "Seeded."), ct);
        }
    }

    /// <summary>Creates a directory entry through its use case; one that exists already (a second seed) is a conflict, and fine.</summary>
    private static async Task EnsureAsync<T>(Func<ValueTask<T>> create)
    {
        try
        {
            await create();
        }
        catch (ConflictException)
        {
            // Seeded before: the entry is there, which is all this wants.
        }
    }
}
