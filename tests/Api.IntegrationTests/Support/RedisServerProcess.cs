using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// A redis-server of a test's own, for tests that stop it or must not share its keys (the relay epoch) with other
/// tests. Append-only with fsync, so a restart keeps what was published.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("taskmanager-redis-").FullName;
    private Process? _process;

    public int Port { get; } = LocalPorts.Free();

    public string Url => $"redis://127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _process.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    public void Stop()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
    }
}
