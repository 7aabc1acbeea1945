namespace TaskManager.Application.Tasks.Commands.CreateTask;

/// <param name="Replayed">True when an idempotency key matched an earlier create and nothing new was made.</param>
public sealed record CreateTaskResult(TaskDto Task, bool Replayed);
