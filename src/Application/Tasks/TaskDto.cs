namespace TaskManager.Application.Tasks;

/// <summary>A task as every adapter shows it (REST, MCP, SSE and the Redis events).</summary>
public record TaskDto
{
    public required Guid Id { get; init; }

    public required string Title { get; init; }

    public required string? Description { get; init; }

    public required string Status { get; init; }

    public required string Priority { get; init; }

    public required string Complexity { get; init; }

    public required UserSummaryDto? Assignee { get; init; }

    /// <summary>The repository's name.</summary>
    public required string? Repository { get; init; }

    public required string CreatedBy { get; init; }

    public required string UpdatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required int Version { get; init; }

    /// <summary>Who holds the task's lease (the claiming agent's key name or the user's email); null when nobody does.</summary>
    public required string? LeaseHolder { get; init; }

    /// <summary>When the lease ends unless renewed; null when nobody holds the task.</summary>
    public required DateTimeOffset? LeaseExpiresAt { get; init; }
}
