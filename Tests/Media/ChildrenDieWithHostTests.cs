using System.Diagnostics;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Media;

/// <summary>
/// A host killed outright (SIGKILL: no shutdown code runs) takes its child processes with it. The real API process
/// starts its demo encoder; the encoder here is a stand-in that ignores a broken pipe and writes nothing, as a stopped
/// Tesseract or a stuck ffmpeg would, so nothing but the kernel's parent-death signal can end it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ChildrenDieWithHostTests
{
    [Fact]
    public async Task The_demo_encoder_dies_when_its_host_is_killed_with_sigkill()
    {
        using var folder = new TemporaryDirectory();
        var encoderScript = Path.Combine(folder.Path, "stuck-encoder.sh");
        await File.WriteAllTextAsync(encoderScript, "#!/bin/sh\ntrap '' PIPE HUP\nexec sleep 300\n");
        File.SetUnixFileMode(encoderScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Glance.Api.dll"), "--urls", "http://127.0.0.1:0", "--Storage:Provider=Memory",
            $"--Orleans:SiloPort={FreePort.Next()}", "--Demo:Enabled=true", $"--Demo:Channel:OutputFolder={Path.Combine(folder.Path, "channel")}",
            $"--Demo:Channel:FfmpegPath={encoderScript}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var host = Process.Start(start)!;
        _ = host.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = host.StandardError.BaseStream.CopyToAsync(Stream.Null);
        int? encoder = null;
        try
        {
            await Eventually.TrueAsync(
                () =>
                {
                    encoder = ChildrenOf(host.Id).FirstOrDefault(c => c.Name == "sleep").Pid is var pid and > 0 ? pid : null;
                    return encoder is not null;
                },
                "the host starts the demo channel's encoder",
                TimeSpan.FromSeconds(90));

            host.Kill(); // SIGKILL to the host alone, not its tree: the kernel must do the rest
            await host.WaitForExitAsync();

            await Eventually.TrueAsync(() => !IsRunning(encoder!.Value), "the encoder dies with its host", TimeSpan.FromSeconds(15));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }

            if (encoder is { } pid && IsRunning(pid))
            {
                Process.GetProcessById(pid).Kill();
            }
        }
    }

    /// <summary>Processes whose parent is <paramref name="parent"/>, from /proc (name and pid).</summary>
    private static IEnumerable<(int Pid, string Name)> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } stat || stat.Parent != parent)
            {
                continue;
            }

            yield return (pid, stat.Name);
        }
    }

    /// <summary>Running means present and not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid) => Stat(pid) is { } stat && stat.State != 'Z';

    private static (string Name, char State, int Parent)? Stat(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            var rest = text[(close + 2)..].Split(' ');
            return (text[(open + 1)..close], rest[0][0], int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
