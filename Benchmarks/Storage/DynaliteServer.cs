using System.Net;
using System.Net.Sockets;

namespace Glance.Benchmarks.Storage;

/// <summary>
/// dynalite (in memory) on a free loopback port for the length of a benchmark; the process tree is killed on dispose.
/// The tests have their own fixture; this is the benchmark-side twin without xunit.
/// </summary>
internal sealed class DynaliteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process process;

    private DynaliteServer(Process process, string serviceUrl)
    {
        this.process = process;
        ServiceUrl = serviceUrl;
    }

    public string ServiceUrl { get; }

    /// <exception cref="InvalidOperationException">node or dynalite is missing, or dynalite did not start.</exception>
    public static async Task<DynaliteServer> StartAsync(CancellationToken cancellationToken)
    {
        var root = Harness.RepositoryRoot.Find();
        var cli = Path.Combine(root, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is missing ({cli}); run scripts/setup to install the npm packages.");
        }

        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException("node is not installed or not on PATH; run scripts/setup.", error);
        }

        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Contains("listening", StringComparison.OrdinalIgnoreCase))
                {
                    // Keep draining stdout so dynalite never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    return new DynaliteServer(process, $"http://127.0.0.1:{port}");
                }
            }

            throw new InvalidOperationException($"dynalite exited before listening on port {port}.");
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Refused to die within the bound; nothing more to do from here.
        }

        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
