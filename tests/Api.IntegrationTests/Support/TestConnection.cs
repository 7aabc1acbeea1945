using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// TestServer has no sockets, so a test names the connection it wants with headers: <see cref="RemoteAddress"/> (the
/// caller's address) and <see cref="LocalPort"/> (the port it called). Installed first in the pipeline, before anything
/// reads the connection.
/// </summary>
internal sealed class TestConnection : IStartupFilter
{
    public const string RemoteAddress = "X-Test-Remote-Address";
    public const string LocalPort = "X-Test-Local-Port";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Request.Headers[RemoteAddress].ToString() is { Length: > 0 } address)
                http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (http.Request.Headers[LocalPort].ToString() is { Length: > 0 } port)
                http.Connection.LocalPort = int.Parse(port, CultureInfo.InvariantCulture);
            return nextMiddleware(http);
        });
        next(app);
    };
}
