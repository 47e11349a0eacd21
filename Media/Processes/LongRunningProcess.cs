using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Glance.Media.Processes;

/// <summary>
/// One run of a tool that is meant to keep running (a live encoder), unlike <see cref="ChildProcess"/>'s
/// run-to-completion jobs: started with an argument list (no shell), stdout drained, stderr read in bounded lines with
/// only the last lines kept, and killed with its process tree on <see cref="Kill"/> or dispose.
/// </summary>
public sealed class LongRunningProcess : IAsyncDisposable
{
    private const int MaxLineChars = 4 * 1024;
    private const int TailLines = 40;

    private readonly Process process;
    private readonly Queue<string> tail = new();
    private readonly Lock gate = new();
    private readonly Task<int> exited;

    private LongRunningProcess(Process process, Action<string>? onStandardErrorLine)
    {
        this.process = process;
        Id = process.Id;
        var stderr = ReadStandardErrorAsync(process.StandardError, onStandardErrorLine);
        var stdout = DrainAsync(process.StandardOutput.BaseStream);
        exited = WaitAsync(process, stderr, stdout);
    }

    public int Id { get; }

    /// <summary>Completes with the exit code when the process has exited and its output is read.</summary>
    public Task<int> Exited => exited;

    public bool HasExited => exited.IsCompleted;

    /// <summary>The last lines the process wrote to stderr (at most 40, each cut at 4 KiB).</summary>
    public string StandardErrorTail
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', tail);
            }
        }
    }

    /// <exception cref="ToolNotFoundException">The tool is not installed or not on PATH.</exception>
    public static LongRunningProcess Start(string fileName, IReadOnlyList<string> arguments, string workingDirectory, Action<string>? onStandardErrorLine = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Through the launcher: the encoder must not outlive a host that was killed outright.
        var process = ProcessLauncher.Start(startInfo);

        // Nothing is ever written to it; closing it at once means a tool that reads stdin sees end-of-file, not a hang.
        process.StandardInput.Close();
        return new LongRunningProcess(process, onStandardErrorLine);
    }

    /// <summary>Kills the process and its children; nothing happens when it has already exited.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // The process could not be signalled because it is exiting.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await exited.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A killed process that does not go away in 10 s is beyond our help; do not hang the caller.
        }

        process.Dispose();
    }

    private static async Task<int> WaitAsync(Process process, Task stderr, Task stdout)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(stderr, stdout).ConfigureAwait(false);
        return process.ExitCode;
    }

    private static async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The pipe broke as the process died.
        }
    }

    private async Task ReadStandardErrorAsync(StreamReader reader, Action<string>? onLine)
    {
        var line = new StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    if (c is '\n' or '\r')
                    {
                        Complete(line, onLine);
                    }
                    else if (line.Length < MaxLineChars)
                    {
                        line.Append(c);
                    }
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke as the process died.
        }

        Complete(line, onLine);
    }

    private void Complete(StringBuilder line, Action<string>? onLine)
    {
        if (line.Length == 0)
        {
            return;
        }

        var text = line.ToString();
        line.Clear();
        lock (gate)
        {
            if (tail.Count == TailLines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(text);
        }

        onLine?.Invoke(text);
    }
}
