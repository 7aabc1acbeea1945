using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Persistence;

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
        var db = services.GetRequiredService<ApplicationDbContext>();
        var clock = services.GetRequiredService<IClock>();
        var admin = await EnsureUserAsync(db, AdminEmail, "Demo Admin", clock, ct);
        await EnsureUserAsync(db, "ada@example.com", "Ada Lovelace", clock, ct);
        await EnsureRepositoryAsync(db, RepositoryName, "https://github.com/example/demo", clock, ct);
        await EnsureRepositoryAsync(db, "api", "https://github.com/example/api", clock, ct);
        await db.SaveChangesAsync(ct);

        services.GetRequiredService<FixedActor>().Set(admin.Id, admin.Email, isAdmin: true);
        var sender = services.GetRequiredService<ISender>();
        foreach (var (title, description, priority, status) in Tasks)
        {
            // The title doubles as the idempotency key, so seeding twice creates nothing new.
            var created = await sender.Send(new CreateTaskCommand(title, description, AdminEmail, RepositoryName, priority,
                IdempotencyKey: "seed:" + title), ct);
            if (!created.Replayed && status is not null)
                await sender.Send(new ChangeTaskStatusCommand(created.Task.Id, status, "Seeded."), ct);
        }
    }

    private static async Task<User> EnsureUserAsync(ApplicationDbContext db, string email, string name, IClock clock, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, ct);
        if (user is null)
        {
            user = User.Create(email, name, null, clock.UtcNow);
            db.Users.Add(user);
        }
        return user;
    }

    private static async Task EnsureRepositoryAsync(ApplicationDbContext db, string name, string url, IClock clock, CancellationToken ct)
    {
        if (!await db.Repositories.AnyAsync(r => r.Name == name, ct))
            db.Repositories.Add(CodeRepository.Create(name, url, clock.UtcNow));
    }
}
