using System.Globalization;
using System.Text;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Common;

/// <summary>Small pieces of the text blocks tools return for a model to read.</summary>
public static class ToolText
{
    /// <summary>
    /// Cuts on a text element so an emoji or accented letter is never split in half. Walks only as far as the cut:
    /// parsing the whole text into elements (<see cref="StringInfo"/>) was 7 % of an MCP list's server CPU (perf).
    /// </summary>
    public static (string? Text, bool Shortened) Shorten(string? text, int length)
    {
        if (text is null || text.Length <= length) // never more text elements than chars
            return (text, false);
        var end = IsPlainAscii(text.AsSpan(0, length + 1)) ? length : ElementsEnd(text, length);
        return end == text.Length ? (text, false) : (text[..end].TrimEnd() + "…", true);
    }

    /// <summary>
    /// Whether the first <c>length</c> chars are as many text elements and the cut after them splits none: true when
    /// they and the char after the cut are ASCII other than CR. No ASCII char joins the one before it (combining marks,
    /// joiners and spacing marks all lie beyond ASCII) except LF after CR. Walking elements one by one cost about
    /// 25 µs of server CPU per 50-row MCP list of English descriptions (perf); this check is one vector pass.
    /// </summary>
    private static bool IsPlainAscii(ReadOnlySpan<char> text) => Ascii.IsValid(text) && !text.Contains('\r');

    private static int ElementsEnd(string text, int length)
    {
        var end = 0;
        for (var elements = 0; elements < length && end < text.Length; elements++)
            end += StringInfo.GetNextTextElementLength(text.AsSpan(end));
        return end;
    }

    /// <summary>Keeps a one-line-per-item rendering one line per item.</summary>
    public static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>
    /// Who a change shows as, and who really made it when that differs: "cto@example.com (via key ci-bot)". A label
    /// that is the key's own name, or a person's change (REST takes no label), needs no second name.
    /// </summary>
    public static string Actor(string label, ActorDto actor) =>
        actor.ApiKeyName is { } key && key != label ? $"{label} (via key {key})" : label;

    /// <summary>UTC, to the minute: enough for a model to order and date things, without microseconds to pay for.</summary>
    public static string Minute(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
