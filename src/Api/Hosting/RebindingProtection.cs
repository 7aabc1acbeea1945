using System.Net;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>
/// DNS-rebinding protection. A page on evil.example that re-points its name at 127.0.0.1 can make a browser talk to
/// this server, with <c>Host: evil.example</c> and <c>Origin: http://evil.example</c>. So: (1) every request must name
/// an allowed host (ALLOWED_HOSTS; default localhost, 127.0.0.1, [::1] and HOST); (2) a request to /mcp that carries an
/// Origin (browsers send one on every POST) must come from an allowed origin (MCP_ALLOWED_ORIGINS, plus CORS_ORIGINS, plus
/// any loopback web origin while the server listens on loopback only, see <see cref="McpOriginAllowed"/>).
/// Agents and CLIs send no Origin and are unaffected. Both answer with the error JSON, before authentication.
/// </summary>
public sealed class RebindingProtection(RequestDelegate next, IConfiguration configuration)
{
    public const string McpPath = "/mcp";

    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];
    private static readonly string[] Wildcards = ["0.0.0.0", "::", "[::]", "*", "+"];

    private readonly HostPatterns _hosts = new(AllowedHosts(configuration));
    private readonly Func<string, bool> _originAllowed = McpOriginAllowed(configuration);

    /// <summary>ALLOWED_HOSTS, else loopback plus HOST; a wildcard HOST (0.0.0.0, e.g. in a container) allows any host, as
    /// the name clients use is unknown; the Origin check still guards /mcp.</summary>
    public static IReadOnlyList<string> AllowedHosts(IConfiguration configuration)
    {
        var configured = Settings.List(configuration, "ALLOWED_HOSTS");
        if (configured.Count > 0)
            return configured;
        var host = EnvironmentConfiguration.Host(configuration);
        if (host is null)
            return Loopback;
        if (Wildcards.Contains(host))
            return ["*"];
        string[] hosts = [.. Loopback, host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host];
        return [.. hosts.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration) =>
        [.. Settings.List(configuration, "MCP_ALLOWED_ORIGINS"), .. CorsSetup.Origins(configuration)];

    /// <summary>
    /// Which web origins may call /mcp; the CORS policy of /mcp uses the same rule, so an origin let through here can also
    /// pass the browser's preflight. Besides the configured origins, a server that listens on loopback only accepts any
    /// loopback web origin (the MCP Inspector at http://localhost:6274, a local tool on another port): such a page runs on
    /// this machine and could reach the server without a browser anyway, while a rebinding page keeps its own
    /// non-loopback origin. A server reachable from the network gets no such exception: a loopback origin there is
    /// whatever runs on the user's machine, not on the server's.
    /// </summary>
    public static Func<string, bool> McpOriginAllowed(IConfiguration configuration)
    {
        var configured = new HashSet<string>(AllowedOrigins(configuration), StringComparer.OrdinalIgnoreCase);
        if (configured.Contains("*"))
            return _ => true;
        var loopback = ListensOnLoopbackOnly(configuration);
        return origin => configured.Contains(origin.TrimEnd('/')) || (loopback && IsLoopbackWebOrigin(origin));
    }

    /// <summary>HOST unset (the listener defaults to 127.0.0.1), <c>localhost</c> or a loopback address.</summary>
    public static bool ListensOnLoopbackOnly(IConfiguration configuration)
    {
        var host = EnvironmentConfiguration.Host(configuration);
        return host is null
            || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>An http(s) origin on localhost, 127.0.0.0/8 or [::1], any port. Origins are <c>scheme://host[:port]</c>,
    /// so anything with a path, query or user info is not one.</summary>
    public static bool IsLoopbackWebOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.IsLoopback
        && uri.PathAndQuery == "/" && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0;

    public Task InvokeAsync(HttpContext context)
    {
        if (!_hosts.Allows(context.Request.Host))
            return RefuseAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed,
                "The Host header names a host this server does not answer to; set ALLOWED_HOSTS to add it.");
        if (context.Request.Path.StartsWithSegments(McpPath) && context.Request.Headers.Origin is { Count: > 0 } origin
            && !_originAllowed(origin.ToString()))
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
