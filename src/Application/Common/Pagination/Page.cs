namespace TaskManager.Application.Common.Pagination;

/// <summary>A page of a list: <c>{"items": [...], "next_cursor": "..." | null}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
