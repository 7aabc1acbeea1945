using TaskManager.Api.Common;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>How tool text shortens a description: by text elements, never splitting one, and saying when it did.</summary>
public sealed class ToolTextShortenTests
{
    [TestCase("", 3)]
    [TestCase("abc", 3)]
    [TestCase("ab", 3)]
    public void TextWithinTheLimit_IsKeptWhole(string text, int length)
    {
        Assert.That(ToolText.Shorten(text, length), Is.EqualTo((text, false)));
    }

    [Test]
    public void TextOverTheLimit_IsCutThere_WithTrailingSpaceDropped_AndAnEllipsis()
    {
        Assert.That(ToolText.Shorten("abc defgh", 4), Is.EqualTo(("abc…", true)));
    }

    [Test]
    public void ExactlyTheLimitInTextElements_IsNotShortened_ThoughLongerInChars()
    {
        // Two text elements, four UTF-16 chars: an emoji (surrogate pair) and a letter with a combining accent.
        var text = "😀e\u0301";

        Assert.That(ToolText.Shorten(text, 2), Is.EqualTo((text, false)));
    }

    [Test]
    public void TheCut_NeverSplitsAnEmojiOrAnAccentedLetter()
    {
        Assert.That(ToolText.Shorten("😀e\u0301x", 2), Is.EqualTo(("😀e\u0301…", true)));
    }

    [Test]
    public void AnAccentJustAfterTheCut_StaysWithItsLetter()
    {
        // Plain ASCII up to the cut, but the char after it joins the letter before it.
        Assert.That(ToolText.Shorten("abcde\u0301fgh", 5), Is.EqualTo(("abcde\u0301…", true)));
    }

    [Test]
    public void AWindowsLineBreak_CountsAsOneTextElement()
    {
        // Five text elements: a, b, CR LF, c, d. Counting chars would stop after c.
        Assert.That(ToolText.Shorten("ab\r\ncdefgh", 5), Is.EqualTo(("ab\r\ncd…", true)));
    }

    [Test]
    public void NoText_StaysNone()
    {
        Assert.That(ToolText.Shorten(null, 5), Is.EqualTo(((string?)null, false)));
    }
}
