using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks;

/// <summary>One lenient parser per task enum, shared by every adapter.</summary>
public static class TaskEnums
{
    public static EnumParser<TaskItemStatus> Status { get; } = new();

    public static EnumParser<TaskPriority> Priority { get; } = new();

    public static EnumParser<TaskComplexity> Complexity { get; } = new();
}
