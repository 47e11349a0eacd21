using System.Net;
using System.Net.Sockets;

namespace Glance.Tests.Infrastructure;

/// <summary>A loopback TCP port free at the moment of asking: each in-process silo of a test needs its own.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
