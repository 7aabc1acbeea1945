using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Contract;

/// <summary>
/// How the wire reads the task enums: the canonical snake_case names in any case or separator, plus the everyday
/// words people and agents use for them ("done", "to do", "doing"). Output is always the canonical name (TaskEnums).
/// </summary>
public static class WireEnums
{
    public static EnumParser<TaskItemStatus> Status { get; } = new(new Dictionary<string, TaskItemStatus>
    {
        ["todo"] = TaskItemStatus.NotStarted,
        ["to do"] = TaskItemStatus.NotStarted,
        ["open"] = TaskItemStatus.NotStarted,
        ["doing"] = TaskItemStatus.InProgress,
        ["started"] = TaskItemStatus.InProgress,
        ["wip"] = TaskItemStatus.InProgress,
        ["done"] = TaskItemStatus.Completed,
        ["complete"] = TaskItemStatus.Completed,
        ["finished"] = TaskItemStatus.Completed,
        ["canceled"] = TaskItemStatus.Cancelled,
    });

    public static EnumParser<TaskPriority> Priority { get; } = new(new Dictionary<string, TaskPriority>
    {
        ["normal"] = TaskPriority.Medium,
        ["critical"] = TaskPriority.Urgent,
    });

    public static EnumParser<TaskComplexity> Complexity { get; } = new(new Dictionary<string, TaskComplexity>
    {
        ["simple"] = TaskComplexity.Low,
        ["hard"] = TaskComplexity.High,
    });
}
