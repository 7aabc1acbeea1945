using TaskManager.Api.Hosting;
using TaskManager.Api.Identity;
using TaskManager.Api.Mcp;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Api.Cli;

/// <summary>
/// The operator's verbs. Each runs in its own DI scope with the same use cases as the server, acting as a
/// <see cref="FixedActor"/>. Results a script wants (a token, a key) go to stdout alone; logs go to stderr.
/// </summary>
public static class CliApp
{
    private static readonly Dictionary<string, (string Usage, Func<IServiceProvider, CliArguments, CancellationToken, Task<int>> Run)> Verbs =
        new(StringComparer.Ordinal)
        {
            ["migrate"] = ("migrate                                   apply database migrations", CliVerbs.MigrateAsync),
            ["seed"] = ("seed                                      create the demo user, repositories and tasks (idempotent)", CliVerbs.SeedAsync),
            ["token"] = ("token --user EMAIL [--admin] [--days N]   print a JWT for a user", CliVerbs.TokenAsync),
            ["create-user"] = ("create-user --email E [--name N] [--github G]", CliVerbs.CreateUserAsync),
            ["create-repo"] = ("create-repo --name N [--url U]", CliVerbs.CreateRepositoryAsync),
            ["api-key"] = ("api-key --user EMAIL --name NAME [--scopes read,write] [--repositories a,b] [--expires-at ISO-8601]  print a new MCP API key for a user (shown only once)", CliVerbs.ApiKeyAsync),
        };

    /// <summary>
    /// A first argument that is not an option is a verb; an unknown one prints the usage instead of quietly
    /// starting a server. Options (<c>--urls</c>, the test host's <c>--environment</c>) go to the server.
    /// </summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && (!args[0].StartsWith('-') || args[0] == "--help");

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            // These two build no services: they must start with no database, Redis or secret configured.
            if (args[0] == HealthProbe.Verb)
                return await HealthProbe.RunAsync(new CliArguments(args[1..]));
            if (args[0] == McpStdio.Verb)
                return await McpStdio.RunAsync(new CliArguments(args[1..]));
            return Verbs.TryGetValue(args[0], out var verb)
                ? await RunWithServicesAsync(verb.Run, args)
                : Usage(args[0] is "help" or "--help" ? null : $"unknown verb '{args[0]}'.");
        }
        catch (CliUsageException ex)
        {
            return Usage(ex.Message);
        }
    }

    private static async Task<int> RunWithServicesAsync(Func<IServiceProvider, CliArguments, CancellationToken, Task<int>> run, string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // EF logs the expected failed probe of a missing migrations table as an error on a fresh database.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Services.AddTaskManagerCore(builder.Environment);
        builder.Services.AddScoped<FixedActor>();
        builder.Services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<FixedActor>());
        using var host = builder.Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await using var scope = host.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider, new CliArguments(args[1..]), cancel.Token);
    }

    private static int Usage(string? problem)
    {
        if (problem is not null)
            Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine("usage: TaskManager.Api [verb] [options]   (no verb: serve HTTP on HOST:PORT)");
        foreach (var (_, (usage, _)) in Verbs)
            Console.Error.WriteLine($"  {usage}");
        Console.Error.WriteLine($"  {McpStdio.Usage}");
        Console.Error.WriteLine($"  {HealthProbe.Verb} [--url URL]               exit 0 when /health/live answers (container health checks)");
        return 2;
    }
}
