using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using TaskManager.Api.Hosting.Logging;
using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Logging as operators configure it through the environment: LOG_FORMAT (text | json), LOG_LEVEL, LOG_FILE;
/// every line carries the request id, and secrets are masked before any provider sees a line.
/// </summary>
public static class Observability
{
    /// <summary>The hosting layer's own request scope carries Kestrel's id, not ours, and its request line the raw query string.</summary>
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var logging = builder.Logging;
        logging.ClearProviders();
        if (Settings.Choice(configuration, "LOG_FORMAT", LogFormat.Text) == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
        if (Settings.Text(configuration, "LOG_FILE") is { } path)
            logging.Services.AddSingleton<ILoggerProvider>(_ => new JsonFileLoggerProvider(path)); // built by the container, so disposed (flushed) with it
        // The default category rule from appsettings.json would win over SetMinimumLevel, so change the rule itself.
        var fallback = EnvironmentConfiguration.IsDebug(configuration) ? LogLevel.Debug : LogLevel.Information;
        configuration["Logging:LogLevel:Default"] = Settings.Choice(configuration, "LOG_LEVEL", fallback).ToString();
        logging.AddFilter(HostingDiagnostics, LogLevel.None);

        // Every logger comes from this factory, so masking here covers the framework's lines and the tests' providers too.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return builder;
    }

    /// <summary>Goes first, so the request id is in every line (the exception handler's too) and in every response.</summary>
    public static IApplicationBuilder UseObservability(this IApplicationBuilder app) => app.UseMiddleware<RequestCorrelation>();
}
