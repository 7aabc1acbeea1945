using System.Net;
using System.Net.Sockets;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>Ports for tests that run the server on a real Kestrel socket.</summary>
public static class LocalPorts
{
    /// <summary>A loopback port free at the moment of asking (the system picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
