using TaskManager.Api.Features.Tasks;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>What a model reads for a page: an empty search page that continues must not read as "nothing found".</summary>
public sealed class ToolTaskPageTextTests
{
    [Test]
    public void EmptyPage_WithACursor_SaysOlderTasksRemainAndHowToContinue()
    {
        var text = new ToolTaskPage([], "c-123").Text();

        Assert.That(text, Is.EqualTo("0 task(s) among the tasks searched so far; older ones remain\nnext_cursor: c-123"));
    }

    [Test]
    public void EmptyLastPage_SaysItIsTheLast()
    {
        var text = new ToolTaskPage([], null).Text();

        Assert.That(text, Does.StartWith("0 task(s)").And.EndWith("(last page)"));
    }
}
