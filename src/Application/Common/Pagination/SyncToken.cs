using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TaskManager.Application.Common.Exceptions;

namespace TaskManager.Application.Common.Pagination;

/// <summary>
/// A position in commit order, given to sync clients as opaque base64url text: every change up to and including
/// (<see cref="ChangeSeq"/>, <see cref="Id"/>) has been handed out. <see cref="StartText"/> ("0") stands before every change.
/// </summary>
public sealed record SyncToken(long ChangeSeq, Guid Id)
{
    /// <summary>What a client sends to sync from scratch.</summary>
    public const string StartText = "0";

    private const string Version = "s1";

    /// <summary>Base64url of the longest token issued here (two 19-digit numbers and a UUID), with room to spare.</summary>
    private const int MaxTextLength = 128;

    /// <summary>Before every change: rows stamped before commit-ordered sync existed share change_seq 0 and follow it.</summary>
    public static SyncToken Start { get; } = new(0, Guid.Empty);

    public bool IsStart => this == Start;

    /// <summary>Past every change below <paramref name="horizon"/> and none at or above it.</summary>
    public static SyncToken Below(long horizon) => new(horizon, Guid.Empty);

    public string Encode() => IsStart
        ? StartText
        : Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Join('|', Version, ChangeSeq.ToString(CultureInfo.InvariantCulture), Id.ToString("N"))));

    /// <summary>Reads a token this server issued (or "0"); anything else is a validation error on <paramref name="field"/>.</summary>
    public static SyncToken Decode(string text, string field)
    {
        if (text == StartText)
            return Start;
        if (TryDecodeText(text)?.Split('|') is [Version, var seqText, var idText]
            && long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            && Guid.TryParseExact(idText, "N", out var id))
            return new SyncToken(seq, id);
        throw ValidationException.For(field,
            $"The {field} token is not one this server issued; pass next_sync_token from the previous answer unchanged, or {StartText} to start.");
    }

    private static string? TryDecodeText(string text)
    {
        if (text.Length > MaxTextLength)
            return null;
        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        return Base64Url.DecodeFromChars(text, buffer, out _, out var written) == OperationStatus.Done
            ? Encoding.ASCII.GetString(buffer, 0, written)
            : null;
    }
}
