namespace TaskManager.Application.Common.Pagination;

/// <summary>
/// A <c>LIKE</c> pattern matching text that contains the given words, with the pattern's own wildcards escaped so
/// that a search for <c>50%</c> or <c>a_b</c> means those characters. Written as <c>LIKE</c> rather than
/// <c>strpos</c> because a pg_trgm GIN index serves <c>LIKE '%…%'</c> (docs/benchmarks.md, "Search").
/// </summary>
public static class ContainsPattern
{
    /// <summary>PostgreSQL's default <c>LIKE</c> escape character, named in every query that uses the pattern.</summary>
    public const string Escape = "\\";

    public static string For(string text) =>
        "%" + text.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_") + "%";
}
