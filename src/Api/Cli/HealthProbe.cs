using TaskManager.Api.Hosting;

namespace TaskManager.Api.Cli;

/// <summary>
/// <c>healthcheck</c>: asks the local server's /health/live. The runtime container image has no curl or wget,
/// so its HEALTHCHECK runs this verb of the program itself.
/// </summary>
public static class HealthProbe
{
    public const string Verb = "healthcheck";

    public static async Task<int> RunAsync(CliArguments args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var baseUrl = args.Value("--url") ?? EnvironmentConfiguration.ListenUrl(configuration).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(baseUrl), "/health/live"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {ex.Message}");
            return 1;
        }
    }
}
