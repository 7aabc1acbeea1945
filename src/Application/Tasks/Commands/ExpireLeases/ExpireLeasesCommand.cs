using Mediator;

namespace TaskManager.Application.Tasks.Commands.ExpireLeases;

/// <summary>Returns up to <paramref name="BatchSize"/> tasks whose lease ran out to the pool; answers how many it returned.</summary>
public sealed record ExpireLeasesCommand(int BatchSize = ExpireLeasesCommand.DefaultBatchSize) : ICommand<int>
{
    public const int DefaultBatchSize = 100;
}
