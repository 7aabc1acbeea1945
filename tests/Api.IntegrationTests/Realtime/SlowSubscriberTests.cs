using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Api.Realtime;

namespace TaskManager.Api.IntegrationTests.Realtime;

public sealed class SlowSubscriberTests : LiveUpdateTestBase
{
    private const int Events = 40;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["SSE_SUBSCRIBER_BUFFER"] = "4",
        // One event per relay batch, as the creates come: a burst of several would overflow even a fast reader's queue of
        // 4, which is the limit doing its job, not what this fixture is about.
        ["OUTBOX_COALESCE_MS"] = "0",
    };

    [Test]
    public async Task SubscriberThatStopsReading_IsCutOff_WhileAFastOneReceivesEverything()
    {
        // The slow client never reads: once the transport's buffer is full the server's writes to it block, its queue
        // of 4 fills, and the hub must drop it instead of waiting.
        using var slowRequest = new HttpRequestMessage(HttpMethod.Get, "/api/tasks/stream");
        using var slow = await MemberClient.SendAsync(slowRequest, HttpCompletionOption.ResponseHeadersRead);
        await using var slowBody = await slow.Content.ReadAsStreamAsync();
        Assert.That(await SseStream.ReadPreambleAsync(slowBody), Does.EndWith(": subscribed\n\n"));
        await using var fast = await SseStream.OpenAsync(MemberClient);
        var hub = Factory.Services.GetRequiredService<EventStreamHub>();
        Assert.That(hub.SubscriberCount, Is.EqualTo(2));

        var bulky = new string('x', 15_000); // large events fill the slow client's transport buffer quickly
        var created = new List<string>();
        for (var i = 0; i < Events; i++)
            created.Add(await CreateTaskAsync(MemberClient, $"Bulk {i}", "me", null, bulky));

        var received = await fast.NextAsync(Events);
        Assert.That(received.Select(e => e.TaskId), Is.EqualTo(created));

        // Its stream ends (the server drops it; what was in transit may be lost, which Last-Event-ID makes up for).
        var rest = await ReadToEndOrDropAsync(slowBody);
        Assert.That(CountEvents(rest), Is.LessThan(Events), "the slow subscriber's stream ended before it had everything");
        Assert.That(await EventuallyTrueAsync(() => hub.SubscriberCount == 1), Is.True, "only the fast subscriber is left");
    }

    private static async Task<string> ReadToEndOrDropAsync(Stream body)
    {
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(SseStream.DefaultTimeout);
        try
        {
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // Dropped by the server: what we read is all the slow subscriber got.
        }
        Assert.That(timeout.IsCancellationRequested, Is.False, "the slow subscriber's stream was never ended");
        return text.ToString();
    }

    private static int CountEvents(string body) => body.Split("id: ").Length - 1;
}
