using Mediator;

namespace TaskManager.Application.Tasks.Commands.RenewLease;

public sealed record RenewLeaseCommand(Guid TaskId, int? LeaseSeconds) : ICommand<TaskDto>;
