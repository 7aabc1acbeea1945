using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>
/// DNS-rebinding protection. A page on evil.example that re-points its name at 127.0.0.1 can make a browser talk to
/// this server, with <c>Host: evil.example</c> and <c>Origin: http://evil.example</c>. So: (1) every request must name
/// an allowed host (ALLOWED_HOSTS; default localhost, 127.0.0.1, [::1] and HOST); (2) a request to /mcp that carries an
/// Origin (browsers send one on every POST) must come from an allowed origin (MCP_ALLOWED_ORIGINS, plus CORS_ORIGINS).
/// Agents and CLIs send no Origin and are unaffected. Both answer with the error JSON, before authentication.
/// </summary>
public sealed class RebindingProtection(RequestDelegate next, IConfiguration configuration)
{
    public const string McpPath = "/mcp";

    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];
    private static readonly string[] Wildcards = ["0.0.0.0", "::", "[::]", "*", "+"];

    private readonly HostPatterns _hosts = new(AllowedHosts(configuration));
    private readonly HashSet<string> _origins = new(AllowedOrigins(configuration), StringComparer.OrdinalIgnoreCase);

    /// <summary>ALLOWED_HOSTS, else loopback plus HOST; a wildcard HOST (0.0.0.0, e.g. in a container) allows any host, as
    /// the name clients use is unknown; the Origin check still guards /mcp.</summary>
    public static IReadOnlyList<string> AllowedHosts(IConfiguration configuration)
    {
        var configured = ConfigList.Split(configuration["ALLOWED_HOSTS"]);
        if (configured.Count > 0)
            return configured;
        var host = configuration["HOST"]?.Trim();
        if (string.IsNullOrEmpty(host))
            return Loopback;
        if (Wildcards.Contains(host))
            return ["*"];
        string[] hosts = [.. Loopback, host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host];
        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration) =>
        [.. ConfigList.Split(configuration["MCP_ALLOWED_ORIGINS"]), .. CorsSetup.Origins(configuration)];

    public Task InvokeAsync(HttpContext context)
    {
        if (!_hosts.Allows(context.Request.Host))
            return RefuseAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed,
                "The Host header names a host this server does not answer to; set ALLOWED_HOSTS to add it.");
        if (context.Request.Path.StartsWithSegments(McpPath) && context.Request.Headers.Origin is { Count: > 0 } origin
            && !_origins.Contains("*") && !_origins.Contains(origin.ToString().TrimEnd('/')))
            return RefuseAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
                "Requests to /mcp from this web origin are not allowed; set MCP_ALLOWED_ORIGINS to allow it.");
        return next(context);
    }

    private static Task RefuseAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorBody.Of(code, message), WireJson.Options);
    }

    /// <summary>Host names without ports, exact or <c>*.example.com</c>, or <c>*</c> for any.</summary>
    private sealed class HostPatterns(IReadOnlyList<string> patterns)
    {
        private readonly bool _any = patterns.Contains("*");
        private readonly string[] _exact = [.. patterns.Where(p => !p.StartsWith("*.", StringComparison.Ordinal))];
        private readonly string[] _suffixes = [.. patterns.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[1..])];

        public bool Allows(HostString host)
        {
            if (_any)
                return true;
            if (!host.HasValue)
                return false;
            var name = host.Host;
            if (name.Contains(':', StringComparison.Ordinal) && !name.StartsWith('['))
                name = $"[{name}]";
            return _exact.Contains(name, StringComparer.OrdinalIgnoreCase)
                || _suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
        }
    }
}
