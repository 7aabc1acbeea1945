namespace TaskManager.Application.Tasks;

/// <summary>
/// One task as a sync client receives it: the task as it now stands, or a tombstone (<c>deleted: true</c>, no
/// <c>task</c>) when it was deleted. <c>change_seq</c> orders changes by commit; a task appears again when it changes again.
/// </summary>
public sealed record TaskChangeDto(Guid Id, long ChangeSeq, bool Deleted, TaskDto? Task)
{
    public static TaskChangeDto Changed(TaskDto task, long changeSeq) => new(task.Id, changeSeq, false, task);

    public static TaskChangeDto Tombstone(Guid id, long changeSeq) => new(id, changeSeq, true, null);
}
