using ModelContextProtocol;
using TaskManager.Api.Cli;
using TaskManager.Api.Common;
using TaskManager.Api.Hosting;
using TaskManager.Api.Identity;
using TaskManager.Api.Realtime;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure.Events;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Mcp;

/// <summary>
/// <c>mcp-stdio [--api-key KEY]</c> (or TASKMANAGER_API_KEY): the same tools over stdin/stdout for local clients.
/// It acts as the key's owner, re-checks the key on every request (so revoking it stops this process too), and
/// writes nothing but protocol to stdout: every log goes to stderr.
/// </summary>
public static class McpStdio
{
    public const string Verb = "mcp-stdio";
    public const string KeyVariable = "TASKMANAGER_API_KEY";

    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        var key = args.Value("--api-key") ?? Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
            throw new CliUsageException($"{Verb} needs an API key: --api-key KEY or the {KeyVariable} environment variable.");
        var owner = await services.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(key, ct);
        if (owner is null)
        {
            await Console.Error.WriteLineAsync("error: the API key is not valid or has been revoked; create one with the api-key verb.");
            return 1;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTaskManagerCore(builder.Environment);
        builder.Services.AddOutboxRelay(); // an agent's changes reach live streams at once, even with no server relaying nearby
        builder.Services.AddLiveEventReader(); // wait_for_changes waits on it
        var actor = new FixedActor();
        actor.Set(owner.UserId, owner.Email, isAdmin: false, apiKeyName: owner.KeyName);
        builder.Services.AddSingleton<ICurrentActor>(actor);
        builder.Services.AddTaskManagerMcpServer(builder.Configuration)
            .WithStdioServerTransport()
            .WithRequestFilters(f => f
                .AddListToolsFilter(next => async (request, token) =>
                {
                    if (!await IsStillValidAsync(request.Services, key, token))
                        throw new McpProtocolException(RevokedMessage, McpErrorCode.InvalidRequest);
                    return await next(request, token);
                })
                .AddCallToolFilter(next => async (request, token) =>
                    await IsStillValidAsync(request.Services, key, token)
                        ? await next(request, token)
                        : ToolErrorFilter.Error(ErrorBody.Of(ErrorCodes.Unauthorized, RevokedMessage))));
        using var host = builder.Build();
        await host.RunAsync(ct);
        return 0;
    }

    private const string RevokedMessage = "The API key is not valid or has been revoked.";

    private static async Task<bool> IsStillValidAsync(IServiceProvider? services, string key, CancellationToken ct) =>
        services is not null && await services.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(key, ct) is not null;
}
