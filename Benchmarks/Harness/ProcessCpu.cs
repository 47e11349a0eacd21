namespace Glance.Benchmarks.Harness;

/// <summary>CPU time this process has used, with and without the child processes it has waited for (ffmpeg decoders).</summary>
internal static class ProcessCpu
{
    /// <summary>This process's own user + system time.</summary>
    public static double OwnSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>
    /// User + system time of the finished child processes (/proc/self/stat cutime + cstime, 100 Hz ticks); a child still
    /// running (the demo channel's encoder) is not in it. NaN where /proc is not there.
    /// </summary>
    public static double FinishedChildrenSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
