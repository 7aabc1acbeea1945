namespace TaskManager.Application.Tasks;

/// <summary>
/// One audit row. <c>changed_by</c> is the label shown (an agent may call itself "claude");
/// <c>actor</c> says who really acted and through which MCP key.
/// </summary>
public sealed record HistoryEntryDto
{
    public required Guid Id { get; init; }

    public required Guid TaskId { get; init; }

    public required string FieldChanged { get; init; }

    public required string? OldValue { get; init; }

    public required string? NewValue { get; init; }

    public required string ChangedBy { get; init; }

    public required ActorDto Actor { get; init; }

    public required string? Comment { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
