using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Application.FunctionalTests.Support;

/// <summary>
/// Each test starts from an empty database holding <see cref="Ada"/> (an administrator) and <see cref="Max"/> (a member).
/// Requests go through the mediator, so validation, authorization and the outbox interceptor all run.
/// </summary>
public abstract class FunctionalTestBase
{
    protected User Ada { get; private set; } = null!;

    protected User Max { get; private set; } = null!;

    protected static IServiceProvider Services => CoreServicesFixture.Services;

    [SetUp]
    public async Task ResetDatabaseAsync()
    {
        await CoreServicesFixture.Database.ResetAsync();
        // Emptied behind the services' backs, which no directory event reports: forget what was cached, as after a lost event log.
        Services.GetRequiredService<DirectoryChanges>().PublishMissed();
        Ada = await AddUserAsync("ada@example.com", "Ada Admin");
        Max = await AddUserAsync("max@example.com", "Max Member");
    }

    /// <summary>Sends a command as <paramref name="actor"/> (Max by default), in a scope of its own like an HTTP request.</summary>
    protected Task<T> SendAsync<T>(ICommand<T> command, User? actor = null, bool admin = false, string? apiKeyName = null) =>
        InScopeAsync(actor, admin, apiKeyName, sender => sender.Send(command));

    protected Task<T> SendAsync<T>(IQuery<T> query, User? actor = null) =>
        InScopeAsync(actor, admin: false, apiKeyName: null, sender => sender.Send(query));

    protected async Task<TaskDto> CreateTaskAsync(string title = "Rotate keys", string? assignee = null, string? repository = null,
        string? status = null, string? priority = null, string? description = null, User? actor = null) =>
        (await SendAsync(new CreateTaskCommand(title, description, assignee, repository, priority, null, status), actor)).Task;

    protected async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    protected async Task<User> AddUserAsync(string email, string? name = null)
    {
        var user = User.Create(email, name, null, DateTimeOffset.UtcNow);
        await WithDbAsync(db =>
        {
            db.Users.Add(user);
            return db.SaveChangesAsync();
        });
        return user;
    }

    protected async Task<CodeRepository> AddRepositoryAsync(string name)
    {
        var repository = CodeRepository.Create(name, null, DateTimeOffset.UtcNow);
        await WithDbAsync(db =>
        {
            db.Repositories.Add(repository);
            return db.SaveChangesAsync();
        });
        return repository;
    }

    protected Task<int> CountAsync<TEntity>(Func<ApplicationDbContext, IQueryable<TEntity>> query) =>
        WithDbAsync(db => query(db).CountAsync());

    protected static async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(CoreServicesFixture.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<T> InScopeAsync<T>(User? actor, bool admin, string? apiKeyName, Func<ISender, ValueTask<T>> send)
    {
        var user = actor ?? Max;
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<FixedActor>().Set(user.Id, user.Email, admin, apiKeyName);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}
