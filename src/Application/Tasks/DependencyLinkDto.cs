namespace TaskManager.Application.Tasks;

/// <summary>One dependency: <see cref="Task"/> cannot start until <see cref="BlockedBy"/> is completed or cancelled.</summary>
public sealed record DependencyLinkDto(TaskLinkDto Task, TaskLinkDto BlockedBy);
