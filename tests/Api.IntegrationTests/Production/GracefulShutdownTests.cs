using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TaskManager.Api.Hosting;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>On a real Kestrel socket: the in-memory test server does not wait for requests when it stops.</summary>
public sealed class GracefulShutdownTests : IntegrationTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Stop_WhileARequestIsInFlight_LetsItFinishBeforeTheHostEnds()
    {
        var app = await BuildAsync();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.MapGet("/test/slow", async () =>
        {
            entered.TrySetResult();
            await release.Task;
            return TypedResults.Ok(new { finished = true });
        }).AllowAnonymous();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var inFlight = http.GetAsync("/test/slow");
            await entered.Task.WaitAsync(Patience);

            var stopping = app.StopAsync();
            Assert.That(await EventuallyTrueAsync(() => app.Lifetime.ApplicationStopping.IsCancellationRequested, Patience), Is.True,
                "the server never began stopping");
            Assert.That(stopping.IsCompleted, Is.False, "the host waits for the request it is serving");

            release.SetResult();
            var response = await inFlight.WaitAsync(Patience);
            await stopping.WaitAsync(Patience);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"finished":true}"""));
        }
        finally
        {
            release.TrySetResult();
            await app.DisposeAsync();
        }
    }

    [TestCase(null, 15)]
    [TestCase("5", 5)]
    public async Task ShutdownTimeout_DefaultsTo15Seconds_AndFollowsTheEnvironment(string? configured, int expectedSeconds)
    {
        var app = await BuildAsync(configured is null ? [] : [$"--SHUTDOWN_TIMEOUT_SECONDS={configured}"]);
        await using (app)
            Assert.That(app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    private static async Task<WebApplication> BuildAsync(params string[] extra)
    {
        var database = await DatabaseAsync();
        return WebApp.Build([
            "--environment=Testing",
            "--HOST=127.0.0.1",
            $"--PORT={LocalPorts.Free()}",
            $"--DATABASE_URL={database.ConnectionString}",
            $"--REDIS_URL={TestEnvironment.RedisUrl}",
            $"--JWT_SECRET={TestEnvironment.JwtSecret}",
            $"--API_KEY_SALT={TestEnvironment.ApiKeySalt}",
            .. extra,
        ]);
    }
}
