using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Glance.Tests.Fetching;

/// <summary>
/// A bare TCP server on 127.0.0.1 for what Kestrel will not do: speak broken HTTP, or count exactly how many body
/// bytes the socket accepted before the client walked away. Connections are served one at a time.
/// </summary>
internal sealed class RawTcpServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int connections;

    /// <param name="address">127.0.0.1 unless given (another loopback address stands in for a host elsewhere).</param>
    public RawTcpServer(Func<NetworkStream, CancellationToken, Task> serve, IPAddress? address = null)
    {
        listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                try
                {
                    await serve(client.GetStream(), stop.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    // The client went away: expected in these tests.
                }
            }
        });
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref connections);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Reads the request head (up to the blank line, at most 16 KB) so the client's request is consumed.</summary>
    public static async Task<string> ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (head.Length < 16 * 1024 && !head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }

    /// <summary>Waits until the client closes the connection (or the server stops), ignoring anything it sends.</summary>
    public static async Task WaitForCloseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stop() ends a pending accept this way.
        }

        stop.Dispose();
    }
}
