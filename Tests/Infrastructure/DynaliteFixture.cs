using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Glance.Storage;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// One in-memory dynalite (a DynamoDB-compatible server) on a free loopback port for a whole test collection; killed
/// with its process tree on dispose. Tests isolate themselves with <see cref="CreateOptions"/>, which gives each call
/// its own table prefix. Missing node or dynalite fails the tests (never skips them) with a pointer to scripts/setup.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private const int MaxOutputChars = 4000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly StringBuilder output = new();
    private Process? process;
    private string? serviceUrl;

    /// <summary>The server's endpoint, e.g. http://127.0.0.1:41234.</summary>
    public string ServiceUrl => serviceUrl ?? throw new InvalidOperationException("dynalite has not started.");

    /// <summary>Options for a provider on this server with a table prefix no other caller gets.</summary>
    public DynamoDbStorageOptions CreateOptions(bool createTables = true) => new()
    {
        ServiceUrl = ServiceUrl,
        Region = "us-east-1",
        TablePrefix = NewTablePrefix(),
        CreateTables = createTables,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A fresh prefix; DynamoDB table names need at least 3 characters, which the suffixes guarantee anyway.</summary>
    public static string NewTablePrefix() => $"t{Guid.NewGuid():N}-";

    public async Task InitializeAsync()
    {
        var node = FindOnPath("node")
            ?? throw new InvalidOperationException("node is not installed or not on PATH; run scripts/setup to install Node.js and the npm packages (dynalite).");
        var cli = Path.Combine(RepositoryPaths.Root, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"dynalite is missing ({cli} not found); run scripts/setup (npm ci) to install the npm packages.");
        }

        // A free port can be taken between probing and binding; then dynalite exits and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            if (await TryStartAsync(node, cli, port))
            {
                serviceUrl = $"http://127.0.0.1:{port}";
                return;
            }

            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"dynalite did not start after {StartAttempts} attempts. Its output:\n{Output()}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        await StopAsync(process);
        process.Dispose();
        process = null;
    }

    private async Task<bool> TryStartAsync(string node, string cli, int port)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new ProcessStartInfo(node)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            info.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = info, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true)
            {
                listening.TrySetResult();
            }
        };
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"dynalite exited with code {SafeExitCode(started)}."));
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();

        try
        {
            await listening.Task.WaitAsync(StartTimeout);
            await WaitUntilAnsweringAsync(port);
            process = started;
            return true;
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException or SocketException)
        {
            Append($"[fixture] start on port {port} failed: {error.Message}");
            await StopAsync(started);
            started.Dispose();
            return false;
        }
    }

    private static async Task WaitUntilAnsweringAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
    }

    private static async Task StopAsync(Process target)
    {
        try
        {
            if (!target.HasExited)
            {
                target.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            await target.WaitForExitAsync(timeout.Token);
        }
        catch (Exception error) when (error is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or refusing to die within the bound: nothing more a test fixture can do.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
    }

    private static string SafeExitCode(Process target)
    {
        try
        {
            return target.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < MaxOutputChars)
            {
                output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
