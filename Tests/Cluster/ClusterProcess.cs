using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace Glance.Tests.Cluster;

/// <summary>
/// One built Glance program (Glance.Silo.dll serve, or Glance.Api.dll) run as its own OS process, as an operator runs
/// it: configured only through environment variables and --urls. Keeps its output for the test's checks and report;
/// dispose kills its whole process tree so that a failing test leaves no silo behind.
/// </summary>
internal sealed class ClusterProcess : IAsyncDisposable
{
    private const int TailLines = 60;

    private const int SigTerm = 15;

    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly List<string> lines = [];

    private ClusterProcess(string name, int httpPort, int siloPort, Process process)
    {
        Name = name;
        HttpPort = httpPort;
        SiloPort = siloPort;
        this.process = process;
    }

    public string Name { get; }

    public int HttpPort { get; }

    /// <summary>The Orleans silo-to-silo port: the port in the silo address Orleans reports as a grain's owner.</summary>
    public int SiloPort { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/");

    public bool HasExited => process.HasExited;

    /// <summary>CPU time the process has used so far (its own threads; its ffmpeg children are counted apart).</summary>
    public TimeSpan TotalProcessorTime => process.TotalProcessorTime;

    /// <summary>Starts <paramref name="assembly"/> (a dll next to the test assembly) with <paramref name="arguments"/>.</summary>
    public static ClusterProcess Start(string name, string assembly, IReadOnlyList<string> arguments, int httpPort, int siloPort, IReadOnlyDictionary<string, string> environment)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: the test project copies the built Silo and Api programs next to itself.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");

        // The test runner's own settings (ASPNETCORE_ENVIRONMENT, DOTNET_ variables of the test host) must not leak in.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new ClusterProcess(name, httpPort, siloPort, process);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits (bounded) until /readyz answers 200, i.e. this silo is Active in membership.</summary>
    public async Task WaitReadyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"{Name} exited with code {process.ExitCode} before it was ready. Its output:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or busy joining the cluster.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{Name} did not answer /readyz with 200 within {within}. Its output:\n{Tail()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>SIGKILL to this process alone: no shutdown, no membership goodbye, as when a node dies.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        using var timeout = new CancellationTokenSource(ExitWait);
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>
    /// SIGTERM, as Kubernetes and systemd stop a process: the host runs its graceful shutdown. Waits (bounded) for the
    /// exit and returns its code; a process still running after <paramref name="within"/> fails the test.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        if (Kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            // Also waits for the end of the redirected output, so Output() then holds the last line the process wrote.
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"{Name} did not exit within {within} of SIGTERM. Its output:\n{Tail()}");
        }

        return process.ExitCode;
    }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as received.</summary>
    public IReadOnlyList<string> Output()
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    public string Tail()
    {
        lock (lines)
        {
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - TailLines)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(ExitWait);
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception error) when (error is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or refusing to die within the bound: nothing more a test can do.
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }

    // Process offers SIGKILL only; a graceful stop needs the signal an orchestrator sends.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
