using System.Text.Json;
using AutoMapper;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Tasks.Events;

namespace TaskManager.Application.Common.Events;

/// <summary>
/// Turns the domain events of one unit of work into outbox rows: one row per changed task, so a single
/// request (say, a PATCH of title and assignee) is a single event in every stream, typed by what matters most.
/// </summary>
public sealed class TaskEventOutbox(IMapper mapper)
{
    public IEnumerable<OutboxMessage> FromDomainEvents(IEnumerable<DomainEvent> domainEvents) =>
        domainEvents.OfType<TaskDomainEvent>()
            .GroupBy(e => e.TaskItem.Id)
            .Select(ToMessage);

    private OutboxMessage ToMessage(IEnumerable<TaskDomainEvent> eventsOfOneTask)
    {
        var events = eventsOfOneTask.ToList();
        var task = events[^1].TaskItem;
        var reassigned = events.OfType<TaskReassigned>().FirstOrDefault();
        var moved = events.OfType<TaskMovedToRepository>().FirstOrDefault();
        var comment = events.OfType<TaskCommented>().LastOrDefault()?.Comment;
        var occurredAt = events[^1].OccurredAt;
        var previousAssignee = reassigned?.PreviousAssigneeId is { } previous && previous != task.AssigneeId ? previous : (Guid?)null;

        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(occurredAt),
            TaskId = task.Id,
            EventType = TypeOf(events, task),
            TaskData = Serialize(task, comment),
            AssigneeId = task.AssigneeId,
            RepositoryName = task.Repository?.Name,
            PreviousAssigneeId = previousAssignee,
            PreviousRepositoryName = moved?.PreviousRepositoryName,
            OccurredAt = occurredAt,
        };
    }

    private static string TypeOf(IReadOnlyList<TaskDomainEvent> events, TaskItem task)
    {
        if (events.Any(e => e is TaskDeleted))
            return TaskEvents.Deleted;
        if (events.Any(e => e is TaskCommented))
            return TaskEvents.Commented;
        if (task.AssigneeId is not null && events.Any(e => e is TaskCreated or TaskReassigned))
            return TaskEvents.Assigned;
        if (events.Any(e => e is TaskStatusChanged { To: TaskItemStatus.Completed }))
            return TaskEvents.Completed;
        if (events.Any(e => e is TaskUnblocked))
            return TaskEvents.Unblocked;
        return TaskEvents.Updated;
    }

    /// <summary>The task as the REST API writes it (same keys, same order), then the comment: the text every consumer receives.</summary>
    private string Serialize(TaskItem task, TaskComment? comment)
    {
        // Every write pays for this text, so the common case (no comment) is written straight from the DTO; only a
        // comment needs the document, to add its key after the task's.
        var dto = TaskDtoProjection.Map(task);
        if (comment is null)
            return JsonSerializer.Serialize(dto, WireJson.Options);
        var data = JsonSerializer.SerializeToNode(dto, WireJson.Options)!.AsObject();
        data["comment"] = JsonSerializer.SerializeToNode(mapper.Map<CommentDto>(comment), WireJson.Options);
        return data.ToJsonString(WireJson.Options);
    }
}
