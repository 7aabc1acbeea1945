using Npgsql;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// A deactivation whose <c>user_changed</c> event never arrives (Redis flushed or down when it committed) still ends the
/// person's open streams: each stream looks at its owner again between frames, through the user cache, so within
/// USER_CACHE_SECONDS and a heartbeat. The deactivation is written straight to the database here, so no event exists.
/// </summary>
public sealed class LostDeactivationEventTests : McpTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        // Long enough that a stream fed an event every few hundred milliseconds never idles into a heartbeat.
        ["SSE_HEARTBEAT_SECONDS"] = "2",
        ["USER_CACHE_SECONDS"] = "1",
    };

    [Test]
    public async Task DeactivationWithoutEvent_EndsTheUsersIdleStream_WithTheFrame()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);
        await using var colleague = await SseStream.OpenAsync(AdminClient);

        await DeactivateBehindTheServersBackAsync(Member.Id);

        var last = await stream.NextAsync(Deadline);
        Assert.That(last.Type, Is.EqualTo("account_deactivated"));
        Assert.That(async () => await stream.Ended.WaitAsync(Deadline), Throws.Nothing, "the server ends the stream");
        Assert.That(colleague.Ended.IsCompleted, Is.False, "other people's streams stay open");
    }

    [Test]
    public async Task DeactivationWithoutEvent_EndsTheUsersBusyStream_WithTheFrame()
    {
        await AddRepositoryAsync("billing");
        await using var stream = await SseStream.OpenAsync(MemberClient, "?repositories=billing");
        await AdminClient.CreateTaskAsync(new { title = "Starts the flow", repository = "billing" });
        await stream.NextAsync(Deadline);
        await DeactivateBehindTheServersBackAsync(Member.Id);

        // Events keep the stream from idling into a heartbeat; the check runs between them as well.
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (!stream.Ended.IsCompleted && DateTimeOffset.UtcNow < deadline)
        {
            await AdminClient.CreateTaskAsync(new { title = "Keeps the stream busy", repository = "billing" });
            await Task.Delay(100);
        }

        Assert.That(stream.Ended.IsCompleted, Is.True, "the server ended the stream");
        Assert.That(stream.Received[^1].Type, Is.EqualTo("account_deactivated"));
    }

    private static async Task DeactivateBehindTheServersBackAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection((await DatabaseAsync()).ConnectionString);
        await connection.OpenAsync();
        await using var deactivate = new NpgsqlCommand("UPDATE users SET deactivated_at = now() WHERE id = @id", connection);
        deactivate.Parameters.AddWithValue("id", userId);
        await deactivate.ExecuteNonQueryAsync();
    }
}
