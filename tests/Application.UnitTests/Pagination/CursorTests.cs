using System.Buffers.Text;
using System.Text;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.UnitTests.Pagination;

public sealed class CursorTests
{
    private const string Order = "created_at";
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, 123, TimeSpan.Zero);

    [Test]
    public void EncodeThenDecode_GivesTheSamePosition()
    {
        var id = Guid.CreateVersion7();
        var cursor = Cursor.For(Order, At.AddTicks(4560), id);

        var decoded = Cursor.Decode(cursor.Encode(), Order, Cursor.IsTicks);

        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.EqualTo(cursor));
            Assert.That(decoded!.KeyAsTime(), Is.EqualTo(At.AddTicks(4560)));
            Assert.That(decoded.Id, Is.EqualTo(id));
        });
    }

    [Test]
    public void Encode_IsUrlSafe()
    {
        var text = Cursor.For(Order, At, Guid.CreateVersion7()).Encode();

        Assert.That(text, Does.Match("^[A-Za-z0-9_-]+$"));
    }

    [TestCase(null)]
    [TestCase("")]
    public void Decode_WithoutACursor_IsTheFirstPage(string? text) =>
        Assert.That(Cursor.Decode(text, Order, Cursor.IsTicks), Is.Null);

    [Test]
    public void Decode_ForAnotherOrder_SaysWhichOrderItBelongsTo()
    {
        var text = Cursor.For("updated_at", At, Guid.NewGuid()).Encode();

        var error = Assert.Throws<ValidationException>(() => Cursor.Decode(text, Order, Cursor.IsTicks));

        Assert.That(error!.Errors["cursor"].Single(), Does.Contain("'updated_at' order"));
    }

    [TestCase("not a cursor!")]
    [TestCase("AAAA")]
    [TestCase("MXxjcmVhdGVkX2F0fDEyMw")] // 1|created_at|123 — no id
    public void Decode_Garbage_IsAValidationErrorOnCursor(string text)
    {
        var error = Assert.Throws<ValidationException>(() => Cursor.Decode(text, Order, Cursor.IsTicks));

        Assert.That(error!.Errors["cursor"].Single(), Does.Contain("pass next_cursor from the previous page unchanged"));
    }

    [Test]
    public void Decode_Tampered_IsRejected()
    {
        // A client that edits the sort key by hand gets an error, not a page from an arbitrary position.
        var tampered = Encode($"1|{Order}|not-ticks|{Guid.NewGuid():N}");

        Assert.Throws<ValidationException>(() => Cursor.Decode(tampered, Order, Cursor.IsTicks));
    }

    [Test]
    public void Decode_FromAnotherCursorVersion_IsRejected() =>
        Assert.Throws<ValidationException>(() => Cursor.Decode(Encode($"2|{Order}|{At.UtcTicks}|{Guid.NewGuid():N}"), Order, Cursor.IsTicks));

    [Test]
    public void Decode_WithAMalformedId_IsRejected() =>
        Assert.Throws<ValidationException>(() => Cursor.Decode(Encode($"1|{Order}|{At.UtcTicks}|not-a-guid"), Order, Cursor.IsTicks));

    [Test]
    public void Decode_Oversize_IsRejectedWithoutDecoding()
    {
        var huge = new string('A', 100_000);

        Assert.Throws<ValidationException>(() => Cursor.Decode(huge, Order, Cursor.IsTicks));
    }

    [TestCase("0", true)]
    [TestCase("638000000000000000", true)]
    [TestCase("3155378975999999999", true)]
    [TestCase("3155378975999999999999", false)]
    [TestCase("-1", false)]
    [TestCase("+5", false)]
    [TestCase("12a", false)]
    [TestCase("", false)]
    public void IsTicks_AcceptsOnlyAValidTickCount(string key, bool expected) =>
        Assert.That(Cursor.IsTicks(key), Is.EqualTo(expected));

    [TestCase("ada@example.com")]
    [TestCase("odd|name@example.com")]
    public void TextKeys_RoundTrip(string key)
    {
        var cursor = new Cursor("email", key, Guid.NewGuid());

        Assert.That(Cursor.Decode(cursor.Encode(), "email", k => k.Length is > 0 and <= 255), Is.EqualTo(cursor));
    }

    [Test]
    public void TextKeys_AtTheLongestAllowedName_RoundTrip()
    {
        // Emails and repository names may be 255 characters; the next_cursor built from one must be accepted back.
        var cursor = new Cursor("email", new string('a', 243) + "@example.com", Guid.NewGuid());

        Assert.That(Cursor.Decode(cursor.Encode(), "email", k => k.Length is > 0 and <= 255), Is.EqualTo(cursor));
    }

    private static string Encode(string raw) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));
}
