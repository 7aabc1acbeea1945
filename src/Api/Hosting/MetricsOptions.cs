using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>
/// METRICS_ENABLED and METRICS_PORT. Read while the host is being built, not bound as options later, because they
/// decide what is registered and which ports Kestrel listens on.
/// </summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; private init; } = true;

    /// <summary>The port that serves only /metrics; null serves it on the service port.</summary>
    public int? Port { get; private init; }

    public static MetricsOptions From(IConfiguration configuration)
    {
        var enabled = configuration["METRICS_ENABLED"]?.Trim() switch
        {
            null or "" => true,
            "1" => true,
            "0" => false,
            var value when bool.TryParse(value, out var parsed) => parsed,
            var value => throw new InvalidOperationException($"METRICS_ENABLED must be true or false, not '{value}'."),
        };
        var port = Settings.Int(configuration, "METRICS_PORT", fallback: 0);
        if (port is < 0 or > 65_535)
            throw new InvalidOperationException(
                $"METRICS_PORT must be a port number from 1 to 65535 (unset serves /metrics on PORT), not '{configuration["METRICS_PORT"]}'.");
        return new MetricsOptions { Enabled = enabled, Port = port == 0 ? null : port };
    }
}
