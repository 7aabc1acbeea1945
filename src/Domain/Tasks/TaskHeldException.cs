using System.Globalization;
using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks;

/// <summary>Someone else holds the task (a live lease, or it is assigned to them), so the caller cannot claim or touch its lease.</summary>
public sealed class TaskHeldException(Guid taskId, string holder, DateTimeOffset? until, string fix)
    : DomainException(
        $"Task {taskId} is held by {holder}" + (until is { } end ? $" until {end.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z" : "")
        + $". {fix}")
{
    public Guid TaskId { get; } = taskId;

    public string Holder { get; } = holder;

    public DateTimeOffset? Until { get; } = until;
}
