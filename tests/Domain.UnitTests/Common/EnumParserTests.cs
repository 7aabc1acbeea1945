using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Domain.UnitTests.Common;

public sealed class EnumParserTests
{
    [TestCase("in_progress")]
    [TestCase("In Progress")]
    [TestCase("in-progress")]
    [TestCase("IN_PROGRESS")]
    [TestCase("  InProgress  ")]
    [TestCase("inprogress")]
    public void TryParse_IsLenientAboutCaseSpacesAndSeparators(string input)
    {
        var parsed = TaskEnums.Status.TryParse(input, out var status);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(status, Is.EqualTo(TaskItemStatus.InProgress));
        });
    }

    [TestCase("done")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("in progres")]
    [TestCase("1")]
    [TestCase(null)]
    public void TryParse_UnknownValue_ReturnsFalse(string? input) =>
        Assert.That(TaskEnums.Status.TryParse(input, out _), Is.False);

    [Test]
    public void TryParse_DoesNotAcceptNumericValues()
    {
        // Enum.TryParse would take "0"; the contract only knows names.
        Assert.That(TaskEnums.Priority.TryParse("0", out _), Is.False);
    }

    [Test]
    public void Allowed_ListsTheCanonicalNamesInDeclarationOrder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TaskEnums.Status.Allowed, Is.EqualTo(new[] { "not_started", "in_progress", "blocked", "completed", "cancelled" }));
            Assert.That(TaskEnums.Priority.Allowed, Is.EqualTo(new[] { "low", "medium", "high", "urgent" }));
            Assert.That(TaskEnums.Complexity.Allowed, Is.EqualTo(new[] { "low", "medium", "high" }));
        });
    }

    [Test]
    public void ToWire_IsSnakeCase_AndRoundTrips()
    {
        foreach (var status in Enum.GetValues<TaskItemStatus>())
        {
            var wire = TaskEnums.Status.ToWire(status);
            Assert.That(TaskEnums.Status.TryParse(wire, out var back) && back == status, Is.True, wire);
        }
        Assert.That(TaskEnums.Status.ToWire(TaskItemStatus.NotStarted), Is.EqualTo("not_started"));
    }

    [TestCase("InProgress", "in_progress")]
    [TestCase("Low", "low")]
    [TestCase("AssigneeId", "assignee_id")]
    [TestCase("x", "x")]
    public void SnakeCase_From_SeparatesWords(string pascal, string expected) =>
        Assert.That(SnakeCase.From(pascal), Is.EqualTo(expected));
}
