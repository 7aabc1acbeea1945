using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TaskManager.Application.Common.Exceptions;

namespace TaskManager.Application.Common.Pagination;

/// <summary>
/// An opaque keyset position: the sort key and id of the last item of a page, plus the order it belongs to,
/// so a cursor cannot be replayed against another order. Encoded as base64url text.
/// </summary>
public sealed record Cursor(string Order, string Key, Guid Id)
{
    private const string Version = "1";

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', Version, Order, Key, Id.ToString("N"))));

    public static Cursor For(string order, DateTimeOffset key, Guid id) =>
        new(order, key.UtcTicks.ToString(CultureInfo.InvariantCulture), id);

    public DateTimeOffset KeyAsTime() => new(long.Parse(Key, CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>Reads a cursor issued for <paramref name="order"/>; anything else is a validation error on <c>cursor</c>.</summary>
    public static Cursor? Decode(string? text, string order, Func<string, bool> keyIsValid)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var parts = TryDecodeText(text)?.Split('|');
        if (parts is not [Version, var cursorOrder, var key, var id] || !Guid.TryParseExact(id, "N", out var guid) || !keyIsValid(key))
            throw ValidationException.For("cursor", "The cursor is not one this server issued; pass next_cursor from the previous page unchanged.");
        if (cursorOrder != order)
            throw ValidationException.For("cursor", $"The cursor belongs to the '{cursorOrder}' order; ask again with that sort or without a cursor.");
        return new Cursor(cursorOrder, key, guid);
    }

    public static bool IsTicks(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999;

    private static string? TryDecodeText(string text)
    {
        if (text.Length > 200)
            return null;
        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        try
        {
            return Base64Url.TryDecodeFromChars(text, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
        }
        catch (FormatException)
        {
            return null; // Not base64url at all: a hand-made or truncated cursor, the caller's mistake.
        }
    }
}
