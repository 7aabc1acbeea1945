using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// The built application as an OS process of its own on a loopback port, for tests that freeze (SIGSTOP) or kill
/// (SIGKILL) an instance, which an in-memory test server cannot stand in for. Disposal always resumes and kills it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri address, string token)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public int Id => _process.Id;

    /// <summary>Signed in with the token the instance was started for.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the process wrote, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts <c>dotnet TaskManager.Api.dll</c> with the test run's environment plus <paramref name="settings"/> and waits until it is ready.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string token)
    {
        var dll = typeof(Program).Assembly.Location;
        var port = LocalPorts.Free();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        start.Environment["PORT"] = port.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), token);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>SIGSTOP: the process keeps its sockets and its place in every protocol but does nothing, like a laptop that went to sleep.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: it carries on where it stopped.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    /// <summary>SIGTERM, and waits until it has shut down the way an orchestrator stops it.</summary>
    public async Task StopAsync()
    {
        await SignalAsync("-TERM");
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL: gone at once, without shutting down.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            // A frozen process cannot act on SIGKILL's cleanup, but it must not stay stopped if the kill fails.
            await SignalAsync("-CONT");
            await KillAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The instance exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/health/ready", deadline.Token);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, deadline.Token);
        }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, Id.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill {signal} {Id} failed with {kill.ExitCode}.");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
