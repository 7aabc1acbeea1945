using System.Diagnostics;
using StackExchange.Redis;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// A throwaway redis-server of one fixture's own (nothing written to disk), for tests that flush or trim the log,
/// which would break the other fixtures sharing the test Redis. Its URL is known before it starts, so a fixture can
/// hand it to the application's settings, which are read when the application first starts.
/// </summary>
public sealed class OwnRedisServer : IAsyncDisposable
{
    private readonly int _port = LocalPorts.Free();
    private Process? _process;
    private ConnectionMultiplexer? _connection;

    /// <summary>REDIS_URL for the application.</summary>
    public string Url => $"redis://127.0.0.1:{_port}";

    /// <summary>The test's own connection, to look at (or flush) what the application wrote.</summary>
    public IDatabase Database => (_connection ?? throw new InvalidOperationException("Start the server first.")).GetDatabase();

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _process.BeginOutputReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (_connection is null)
        {
            try
            {
                _connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port},allowAdmin=true");
            }
            catch (RedisConnectionException) when (!deadline.IsCancellationRequested && !_process.HasExited)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    /// <summary>What a Redis restart without persistence does to the data.</summary>
    public Task FlushAsync() => _connection!.GetServers().Single().FlushAllDatabasesAsync();

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
