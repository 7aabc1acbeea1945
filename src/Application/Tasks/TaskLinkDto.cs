namespace TaskManager.Application.Tasks;

/// <summary>A task at the other end of a dependency: enough to see whether it still blocks, and to read it with get_task.</summary>
public sealed record TaskLinkDto(Guid Id, string Title, string Status);
