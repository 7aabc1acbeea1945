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
        // On unless switched off: unset means enabled, where Settings.Flag reads unset as off.
        var enabled = Settings.Text(configuration, "METRICS_ENABLED") is null || Settings.Flag(configuration, "METRICS_ENABLED");
        int? port = Settings.Text(configuration, "METRICS_PORT") is null ? null : Settings.Int(configuration, "METRICS_PORT", fallback: 0, min: 1, max: 65_535);
        return new MetricsOptions { Enabled = enabled, Port = port };
    }
}
