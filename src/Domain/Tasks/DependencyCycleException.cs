using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks;

/// <summary>A dependency was refused because it would close <see cref="Cycle"/>: each task waits for the next, the last for the first.</summary>
public sealed class DependencyCycleException(IReadOnlyList<TaskItem> cycle)
    : DomainException("That dependency would close a cycle: "
        + string.Join(" -> ", cycle.Append(cycle[0]).Select(t => $"{t.Id} \"{t.Title}\""))
        + " (each waits for the next). Remove one of these dependencies first, or choose another blocker.")
{
    public IReadOnlyList<(Guid Id, string Title)> Cycle { get; } = [.. cycle.Select(t => (t.Id, t.Title))];
}
