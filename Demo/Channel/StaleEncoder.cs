using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Glance.Demo.Channel;

/// <summary>
/// An ffmpeg left running by a host that died without stopping it would keep writing into the output folder next to
/// the new one. Its process id is kept in a file in that folder; at start, a process with that id is killed when it
/// still is an ffmpeg working in that folder or below it (its staging folder; Linux: checked through /proc), and never
/// otherwise.
/// </summary>
internal static class StaleEncoder
{
    public const string PidFileName = ".encoder.pid";

    public static void Record(string folder, int processId) =>
        File.WriteAllText(Path.Combine(folder, PidFileName), processId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Kills the recorded encoder when it is still running in <paramref name="folder"/>; true when one was killed.</summary>
    public static bool KillIfRunning(string folder)
    {
        var pidFile = Path.Combine(folder, PidFileName);
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile))
        {
            return false;
        }

        var text = File.ReadAllText(pidFile).Trim();
        File.Delete(pidFile);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1 || !IsEncoderIn(pid, folder))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // Gone already, or not ours to signal.
            return false;
        }
    }

    private static bool IsEncoderIn(int pid, string folder)
    {
        try
        {
            var workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (workingDirectory is null)
            {
                return false;
            }

            var cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            return (cwd == root || cwd.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                && commandLine.Contains("ffmpeg", StringComparison.Ordinal)
                && commandLine.Contains("-hls_segment_options", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
