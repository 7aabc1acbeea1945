using Mediator;

namespace TaskManager.Application.Tasks.Commands.ClaimNextTask;

/// <param name="LeaseSeconds">How long the claim holds the task unless renewed; <see cref="Domain.Tasks.TaskLease"/> has the limits.</param>
public sealed record ClaimNextTaskCommand(string? Repository, string? Priority, int? LeaseSeconds) : ICommand<ClaimResult>;
