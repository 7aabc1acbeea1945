namespace TaskManager.Application.Tasks;

/// <summary>
/// A page of changes in commit order. <c>next_sync_token</c> always resumes right after this page: keep it and call
/// again at once while <c>has_more</c>, later otherwise (it then stands where the committed changes end).
/// </summary>
public sealed record TaskChangePage(IReadOnlyList<TaskChangeDto> Items, string NextSyncToken, bool HasMore);
