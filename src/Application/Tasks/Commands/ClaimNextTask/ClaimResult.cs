namespace TaskManager.Application.Tasks.Commands.ClaimNextTask;

/// <summary>The claimed task, or null with <see cref="Reason"/> saying why nothing could be claimed (a normal answer, not an error).</summary>
public sealed record ClaimResult(TaskDto? Task, string? Reason);
