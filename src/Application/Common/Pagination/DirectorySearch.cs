namespace TaskManager.Application.Common.Pagination;

/// <summary>The directory lists' text search: trimmed and lower-cased (emails are stored lower-case), or none when blank.</summary>
public static class DirectorySearch
{
    public static string? Text(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();
}
