using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TaskManager.Api.IntegrationTests.Realtime;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// OTEL_EXPORTER_OTLP_ENDPOINT: the real OpenTelemetry exporter pushes traces of a request, its SQL and the relay's
/// Redis commands, and the metrics, to a collector — here a listener that keeps what it is sent.
/// </summary>
public sealed class OtlpExportTests : LiveUpdateTestBase
{
    private static readonly OtlpCollector Collector = new();

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = "taskmanager-under-test",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
    };

    [OneTimeTearDown]
    public void StopCollector() => Collector.Dispose();

    [Test]
    public async Task ATaskCreated_IsTracedWithItsSqlAndTheRelaysRedisCommands_AndMetricsArePushed()
    {
        await CreateTaskAsync(MemberClient, "Traced task", Member.Email, Repo);

        // OTLP protobuf carries names and attribute values as plain UTF-8, so the bytes can be searched.
        await Collector.WaitForAsync("/v1/traces", "POST /api/tasks");
        await Collector.WaitForAsync("/v1/traces", "postgresql");
        await Collector.WaitForAsync("/v1/traces", "redis");
        await Collector.WaitForAsync("/v1/traces", "EVAL"); // the relay's publish script
        await Collector.WaitForAsync("/v1/traces", "taskmanager-under-test");
        await Collector.WaitForAsync("/v1/metrics", "taskmanager.outbox.events_published");
    }

    /// <summary>An OTLP/HTTP endpoint that answers 200 to every export and keeps the bodies by path.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        public OtlpCollector()
        {
            Endpoint = $"http://127.0.0.1:{FreePort()}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public async Task WaitForAsync(string path, string text)
        {
            for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
            {
                if (_received.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal)))
                    return;
            }
            Assert.Fail($"No export to {path} mentioned '{text}'; received: {string.Join(", ", _received.Select(r => r.Path).Distinct())}");
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static string FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        }
    }
}
