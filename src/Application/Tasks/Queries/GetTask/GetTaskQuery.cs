using Mediator;

namespace TaskManager.Application.Tasks.Queries.GetTask;

public sealed record GetTaskQuery(Guid TaskId, int RecentHistory = GetTaskQuery.DefaultRecentHistory) : IQuery<TaskDetailsDto>
{
    public const int DefaultRecentHistory = 10;
}
