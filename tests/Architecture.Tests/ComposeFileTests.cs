using System.Diagnostics;

namespace TaskManager.Architecture.Tests;

/// <summary>
/// docker/compose.yaml cannot be started here (no container engine), so it is validated the way
/// `docker compose config` would: it must parse, and it must refuse to start without the secrets.
/// scripts/test.sh installs Debian's docker-compose for this.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposeFile = SourceTree.PathOf("docker", "compose.yaml");

    [Test]
    public async Task ComposeFile_WithSecrets_IsValid()
    {
        var (exitCode, output) = await ConfigAsync(new() { ["JWT_SECRET"] = "x".PadRight(40, 'y'), ["API_KEY_SALT"] = "z".PadRight(40, 'w') });

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public async Task ComposeFile_WithoutJwtSecret_RefusesAndNamesTheVariable()
    {
        var (exitCode, output) = await ConfigAsync(new() { ["JWT_SECRET"] = null, ["API_KEY_SALT"] = "z".PadRight(40, 'w') });

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain("JWT_SECRET"));
        });
    }

    private static async Task<(int ExitCode, string Output)> ConfigAsync(Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", ComposeFile, "config", "-q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SourceTree.Root,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("docker-compose could not be started; scripts/test.sh installs it.");
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
