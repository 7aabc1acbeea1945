namespace TaskManager.Domain.Common;

/// <summary>Something that happened to an aggregate. <see cref="EventId"/> lets consumers de-duplicate.</summary>
public abstract record DomainEvent(Guid EventId, DateTimeOffset OccurredAt);
