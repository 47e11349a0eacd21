using System.Diagnostics;

namespace Glance.Tests.Transport;

/// <summary>Runs a media tool (ffmpeg, tstools) with a timeout; the process is killed on timeout or cancellation.</summary>
internal static class FfmpegTool
{
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout}.");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await stderr}");
        }

        return output;
    }

    public static Task<string> FfmpegAsync(string workingDirectory, params string[] arguments) =>
        RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. arguments], workingDirectory, TimeSpan.FromMinutes(3));
}
