using System.Net;
using System.Net.Sockets;

namespace Glance.Tests.Fetching;

/// <summary>
/// Listens on one port of 127.0.0.1 and of ::1 and counts every connection made to either, closing each at once: the
/// witness that a refused source really opened no socket. <see cref="Probe"/> proves the witness sees connections.
/// </summary>
internal sealed class ConnectionRecorder : IAsyncDisposable
{
    private readonly TcpListener v4;
    private readonly TcpListener v6;
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] loops;
    private int connections;

    public ConnectionRecorder()
    {
        v4 = new TcpListener(IPAddress.Loopback, 0);
        v4.Start();
        Port = ((IPEndPoint)v4.LocalEndpoint).Port;
        v6 = new TcpListener(IPAddress.IPv6Loopback, Port);
        v6.Start();
        loops = [AcceptAsync(v4), AcceptAsync(v6)];
    }

    /// <summary>The port on both loopback addresses.</summary>
    public int Port { get; }

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Connects once to each address, as a fetch would, and waits until both are counted.</summary>
    public async Task ProbeAsync()
    {
        var before = Connections;
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            using var client = new TcpClient(address.AddressFamily);
            await client.ConnectAsync(address, Port);
        }

        await Infrastructure.Eventually.TrueAsync(() => Connections == before + 2, "the recorder counts connections to 127.0.0.1 and ::1");
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        v4.Stop();
        v6.Stop();
        await Task.WhenAll(loops);
        stop.Dispose();
    }
}
