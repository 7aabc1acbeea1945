using System.Buffers;
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

    /// <summary>Room for a text key of 255 characters of any script; anything longer was not issued here.</summary>
    private const int MaxTextLength = 2048;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', Version, Order, Key, Id.ToString("N"))));

    public static Cursor For(string order, DateTimeOffset key, Guid id) =>
        new(order, key.UtcTicks.ToString(CultureInfo.InvariantCulture), id);

    public static Cursor For(string order, long key, Guid id) => new(order, key.ToString(CultureInfo.InvariantCulture), id);

    public long KeyAsChangeSeq() => long.Parse(Key, CultureInfo.InvariantCulture);

    public DateTimeOffset KeyAsTime() => new(long.Parse(Key, CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>Reads a cursor issued for <paramref name="order"/>; anything else is a validation error on <c>cursor</c>.</summary>
    public static Cursor? Decode(string? text, string order, Func<string, bool> keyIsValid)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        // The key sits between order and id and may itself contain '|' (an email may), so it takes the middle parts.
        var parts = TryDecodeText(text)?.Split('|');
        if (parts is not [Version, var cursorOrder, .. var keyParts, var id] || keyParts.Length == 0
            || !Guid.TryParseExact(id, "N", out var guid) || string.Join('|', keyParts) is var key && !keyIsValid(key))
            throw ValidationException.For("cursor", "The cursor is not one this server issued; pass next_cursor from the previous page unchanged.");
        if (cursorOrder != order)
            throw ValidationException.For("cursor", $"The cursor belongs to the '{cursorOrder}' order; ask again with that sort or without a cursor.");
        return new Cursor(cursorOrder, key, guid);
    }

    public static bool IsTicks(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999;

    public static bool IsChangeSeq(string key) => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string? TryDecodeText(string text)
    {
        if (text.Length > MaxTextLength)
            return null;
        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        // TryDecodeFromChars throws on characters outside the alphabet; a client's bad cursor is a 400, not a 500.
        return Base64Url.DecodeFromChars(text, buffer, out _, out var written) == OperationStatus.Done
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : null;
    }
}
