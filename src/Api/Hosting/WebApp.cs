using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using TaskManager.Api.Common;
using TaskManager.Api.Identity;
using TaskManager.Api.Mcp;
using TaskManager.Api.Realtime;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Json;
using TaskManager.Infrastructure.Health;
using TaskManager.Infrastructure.Idempotency;
using TaskManager.Infrastructure.Tasks;

namespace TaskManager.Api.Hosting;

/// <summary>The HTTP host: REST, health and the API reference.</summary>
public static class WebApp
{
    /// <summary>Request bodies larger than this are refused with 413 before they are read.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddAppSettingsBesideBinary(builder.Environment);
        builder.AddObservability();
        builder.WebHost.UseUrls(EnvironmentConfiguration.ListenUrl(builder.Configuration));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.AddTaskManagerMetrics();
        builder.AddOtlpExport();
        var services = builder.Services;
        services.AddTaskManagerCore(builder.Environment);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.Configure<JsonOptions>(o => StrictBodies.Apply(WireJson.Configure(o.SerializerOptions)));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBodyBytes);
        services.AddExceptionHandler<GlobalExceptionHandler>();
        services.AddProblemDetails();
        services.AddTaskManagerAuthentication();
        services.AddAuthorization();
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        services.AddTaskManagerOpenApi();
        services.AddTaskManagerRateLimits(builder.Configuration);
        services.AddTaskManagerCors(builder.Configuration);
        services.AddGracefulShutdown(builder.Configuration);
        services.AddTaskManagerMcp(builder.Configuration);
        services.AddRealtime();
        services.AddLeaseExpiry();
        services.AddIdempotencyCleanup();
        services.AddTombstonePurge();
        services.AddSearchIndexMerge();

        var app = builder.Build();
        app.UseObservability();
        app.UseMiddleware<RebindingProtection>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeErrors.WriteAsync);
        app.UseTaskManagerMetrics();
        app.UseTaskManagerCors();
        app.UseMiddleware<RequestBodyLimit>();
        // The dashboard's shell (HTML, CSS, JS) is public: it holds no data, and every API call it makes needs a credential.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthenticationFailureLimit();
        app.UseAuthentication();
        app.UseTaskManagerRateLimits();
        app.UseAuthorization();
        app.UseSessionlessMcp();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapFeatureSlices();
        app.MapTaskManagerMcp();
        app.MapOAuthDiscoveryAnswers();
        app.MapRealtime();
        return app;
    }
}
