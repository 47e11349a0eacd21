using System.ComponentModel;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Glance.Media.Processes;

/// <summary>
/// Starts every child process so that it dies with this process, even when this process is killed outright (SIGKILL,
/// OOM): on Linux the tool is started through util-linux's <c>setpriv --pdeathsig KILL</c>, which asks the kernel to
/// kill it when its parent goes. The kernel means the parent <em>thread</em>, and .NET forks on the calling thread,
/// so every start happens on one dedicated thread that lives as long as the process; a thread-pool thread that later
/// retired would take the child with it.
/// </summary>
internal static class ProcessLauncher
{
    private const string Setpriv = "/usr/bin/setpriv";
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];
    private static readonly bool DiesWithParent = OperatingSystem.IsLinux() && File.Exists(Setpriv);

    static ProcessLauncher()
    {
        new Thread(Run) { IsBackground = true, Name = "glance-process-launcher" }.Start();
    }

    /// <summary>Starts the process described by <paramref name="startInfo"/>; it is killed when this process dies.</summary>
    /// <exception cref="ToolNotFoundException">The tool is not installed or not on PATH.</exception>
    public static Process Start(ProcessStartInfo startInfo)
    {
        var tool = startInfo.FileName;
        if (DiesWithParent)
        {
            // setpriv would report a missing tool as its own exit code; find it first so the caller hears it plainly.
            var path = Resolve(tool) ?? throw new ToolNotFoundException(tool, new Win32Exception(2, $"{tool} was not found"));
            startInfo.ArgumentList.Insert(0, "--pdeathsig");
            startInfo.ArgumentList.Insert(1, "KILL");
            startInfo.ArgumentList.Insert(2, "--");
            startInfo.ArgumentList.Insert(3, path);
            startInfo.FileName = Setpriv;
        }

        var process = new Process { StartInfo = startInfo };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        try
        {
            started.Task.GetAwaiter().GetResult(); // a fork and exec: microseconds, never worth an async hop
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new ToolNotFoundException(tool, e);
        }

        return process;
    }

    private static void Run()
    {
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }

    /// <summary>The executable's full path: as given when it names a path, else the first match on PATH.</summary>
    private static string? Resolve(string tool)
    {
        if (tool.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(tool) ? Path.GetFullPath(tool) : null;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
