using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

public sealed class CreateTaskHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    TaskReferenceResolver references,
    IOptions<IdempotencyOptions> idempotency) : ICommandHandler<CreateTaskCommand, CreateTaskResult>
{
    public async ValueTask<CreateTaskResult> Handle(CreateTaskCommand command, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrWhiteSpace(command.IdempotencyKey) ? null : command.IdempotencyKey.Trim();
        var requestHash = key is null ? "" : HashOf(command);
        if (key is not null && await ReplayAsync(key, requestHash, cancellationToken) is { } replayed)
            return replayed;

        var (assignee, repository) = await references.ResolveAsync(command.AssigneeId, command.Repository, cancellationToken);
        await db.EnsureMayPlaceInAsync(caller, repository, cancellationToken);
        var now = clock.UtcNow;
        var task = TaskItem.Create(
            command.Title!,
            command.Description,
            command.Status is null ? TaskItemStatus.NotStarted : WireEnums.Status.Parse(command.Status),
            command.Priority is null ? TaskPriority.Medium : WireEnums.Priority.Parse(command.Priority),
            command.Complexity is null ? TaskComplexity.Medium : WireEnums.Complexity.Parse(command.Complexity),
            assignee,
            repository,
            caller.AsActor(command.CreatedBy),
            now);
        db.Tasks.Add(task);
        if (key is not null)
            db.IdempotencyRecords.Add(new IdempotencyRecord(caller.UserId, key, requestHash, task.Id, now));

        try
        {
            await db.SaveInOneStatementAsync(cancellationToken);
        }
        catch (DuplicateKeyException) when (key is not null)
        {
            // A concurrent retry with the same key won the race; its task is the answer.
            return await ReplayAsync(key, requestHash, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency key collided but its record is missing.");
        }
        return new CreateTaskResult(TaskDtoProjection.Map(task), Replayed: false);
    }

    private async Task<CreateTaskResult?> ReplayAsync(string key, string requestHash, CancellationToken ct)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == caller.UserId && r.Key == key, ct);
        if (record is null)
            return null;
        if (record.HasExpired(clock.UtcNow, idempotency.Value.Retention))
        {
            // The key counts as unused. Deleting this record (only if it is still the expired one) lets the insert below
            // claim the key exactly as for a new key, so concurrent retries still make one task.
            await db.IdempotencyRecords
                .Where(r => r.UserId == record.UserId && r.Key == record.Key && r.CreatedAt == record.CreatedAt)
                .ExecuteDeleteAsync(ct);
            return null;
        }
        if (record.RequestHash != requestHash)
        {
            throw new ConflictException(
                "This idempotency key was already used for a different task; use a new key for a new task.",
                new Dictionary<string, object?> { ["idempotency_key"] = key, ["task_id"] = record.TaskId });
        }
        // A key limited to repositories may share its owner's idempotency keys but not see the tasks they made elsewhere.
        var task = await db.Tasks.AsNoTracking().VisibleTo(caller).Where(t => t.Id == record.TaskId).Select(TaskDtoProjection.Expression).FirstOrDefaultAsync(ct)
            ?? throw new ConflictException(
                "This idempotency key was already used for a task outside this API key's repositories; use a new key for a new task.",
                new Dictionary<string, object?> { ["idempotency_key"] = key });
        return new CreateTaskResult(task, Replayed: true);
    }

    private static string HashOf(CreateTaskCommand command)
    {
        var significant = command with { IdempotencyKey = null };
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(significant))));
    }
}
