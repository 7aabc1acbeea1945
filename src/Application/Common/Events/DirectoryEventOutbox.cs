using AutoMapper;
using TaskManager.Application.Users;
using TaskManager.Domain.ApiKeys.Events;
using TaskManager.Domain.Common;
using TaskManager.Domain.Users.Events;

namespace TaskManager.Application.Common.Events;

/// <summary>
/// Turns the directory's domain events of one unit of work into outbox rows, so the change and the news of it commit
/// together: an instance can never miss a deactivation or rename that happened, nor hear of one that was rolled back. One
/// event per user and unit of work, carrying the user as saved; one per revoked API key.
/// </summary>
public sealed class DirectoryEventOutbox(IMapper mapper)
{
    public IEnumerable<OutboxMessage> FromDomainEvents(IReadOnlyCollection<DomainEvent> domainEvents) =>
        domainEvents.OfType<UserChanged>()
            .GroupBy(e => e.User.Id)
            .Select(eventsOfOneUser => eventsOfOneUser.Last())
            .Select(last => ToMessage(DirectoryChange.UserChanged(mapper.Map<UserDto>(last.User)), last.At))
            .Concat(domainEvents.OfType<ApiKeyRevoked>().Select(e => ToMessage(DirectoryChange.ApiKeyRevoked(e.Key.Id, e.Key.UserId), e.At)));

    private static OutboxMessage ToMessage(DirectoryChange change, DateTimeOffset occurredAt) => new()
    {
        Id = Guid.CreateVersion7(occurredAt),
        TaskId = change.SubjectId,
        EventType = change.EventType,
        TaskData = change.Data,
        OccurredAt = occurredAt,
    };
}
