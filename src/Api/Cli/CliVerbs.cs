using System.Globalization;
using Mediator;
using TaskManager.Api.Identity;
using TaskManager.Application.ApiKeys.Commands.CreateApiKey;
using TaskManager.Application.Repositories.Commands.CreateRepository;
using TaskManager.Application.Users.Commands.CreateUser;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Identity;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Api.Cli;

public static class CliVerbs
{
    public static async Task<int> MigrateAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await Console.Error.WriteLineAsync("Database schema is up to date.");
        return 0;
    }

    public static async Task<int> SeedAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        await DemoData.SeedAsync(services, ct);
        await Console.Error.WriteLineAsync($"Demo data is in place (user {DemoData.AdminEmail}, repository '{DemoData.RepositoryName}').");
        return 0;
    }

    public static async Task<int> TokenAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        var email = User.NormalizeEmail(args.Required("--user"));
        var days = args.Value("--days") is { } d
            ? int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 3650 ? n : throw new CliUsageException("--days must be 1 to 3650.")
            : 7;
        var userId = await services.GetRequiredService<KnownUsers>().FindIdAsync(email, ct)
            ?? throw new CliUsageException($"No user has the email '{email}'; create one with create-user.");
        Console.WriteLine(services.GetRequiredService<JwtTokenIssuer>().Issue(userId, email, args.Flag("--admin"), TimeSpan.FromDays(days)));
        return 0;
    }

    public static async Task<int> CreateUserAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        ActAsOperator(services);
        var user = await services.GetRequiredService<ISender>().Send(
            new CreateUserCommand(args.Required("--email"), args.Value("--name"), args.Value("--github")), ct);
        Console.WriteLine(user.Id);
        return 0;
    }

    public static async Task<int> CreateRepositoryAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        ActAsOperator(services);
        var repository = await services.GetRequiredService<ISender>().Send(new CreateRepositoryCommand(args.Required("--name"), args.Value("--url")), ct);
        Console.WriteLine(repository.Id);
        return 0;
    }

    /// <summary>Prints only the key on stdout, so scripts can capture it; it is never shown again.</summary>
    public static async Task<int> ApiKeyAsync(IServiceProvider services, CliArguments args, CancellationToken ct)
    {
        ActAsOperator(services);
        var scopes = args.Value("--scopes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Kept as written, empty items included, so "--repositories a,,b" is refused for its empty name rather than read as "a,b".
        var repositories = args.Value("--repositories")?.Split(',', StringSplitOptions.TrimEntries);
        var expiresAt = args.Value("--expires-at") is { } e
            ? DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
                : throw new CliUsageException("--expires-at must be a date or time such as 2027-06-30 or 2027-06-30T18:00:00Z.")
            : (DateTimeOffset?)null;
        var created = await services.GetRequiredService<ISender>().Send(
            new CreateApiKeyCommand(args.Required("--name"), args.Required("--user"), scopes, expiresAt, repositories), ct);
        Console.WriteLine(created.Key);
        await Console.Error.WriteLineAsync($"API key '{created.Name}' ({created.Prefix}...) created for {args.Required("--user")}; it is shown only this once.");
        return 0;
    }

    /// <summary>Directory writes need an administrator; whoever runs the CLI on the server is one.</summary>
    private static void ActAsOperator(IServiceProvider services) =>
        services.GetRequiredService<FixedActor>().Set(Guid.Empty, "operator", isAdmin: true);
}
