using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Glance.Media.Processes;

/// <summary>
/// The one place that starts external tools. Arguments are passed as a list (no shell), every run has a timeout,
/// cancellation or timeout kills the whole process tree, a dead host takes its children with it
/// (<see cref="ProcessLauncher"/>), and stderr is captured only up to a bound.
/// </summary>
public static class ChildProcess
{
    private const int MaxStderrLineChars = 8 * 1024;

    /// <summary>Runs the tool and returns its result whatever the exit code; callers decide what a failure means.</summary>
    public static async Task<ChildProcessResult> RunAsync(ChildProcessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var startInfo = new ProcessStartInfo(request.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in request.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (request.Environment is not null)
        {
            foreach (var (key, value) in request.Environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = ProcessLauncher.Start(startInfo);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        var token = timeout.Token;
        var stderr = new BoundedTail(request.MaxStandardErrorTailChars);
        byte[] output = [];
        try
        {
            Task<byte[]>? buffered = null;
            var stdoutTask = request.StandardOutputReader is { } reader
                ? reader(process.StandardOutput.BaseStream, token)
                : buffered = BufferAsync(process.StandardOutput.BaseStream, request.MaxBufferedOutputBytes, request.FileName, stderr, token);
            await Task.WhenAll(
                KillOnFaultAsync(process, stdoutTask),
                KillOnFaultAsync(process, ReadStandardErrorAsync(process.StandardError, stderr, request.StandardErrorLine, request.StandardErrorEnded, token)),
                KillOnFaultAsync(process, WriteStandardInputAsync(process, request.StandardInput, token))).ConfigureAwait(false);
            output = buffered is null ? [] : await buffered.ConfigureAwait(false);
            await process.WaitForExitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new ChildProcessTimeoutException(request.FileName, request.Timeout, stderr.ToString());
        }
        catch
        {
            Kill(process);
            throw;
        }

        return new ChildProcessResult(process.ExitCode, output, stderr.ToString(), stopwatch.Elapsed);
    }

    /// <summary>Runs the tool and throws <see cref="ChildProcessFailedException"/> unless it exits with 0.</summary>
    public static async Task<ChildProcessResult> RunCheckedAsync(ChildProcessRequest request, CancellationToken cancellationToken)
    {
        var result = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ChildProcessFailedException(request.FileName, result.ExitCode, ChildProcessTimeoutException.LastLine(result.StandardErrorTail), result.StandardErrorTail);
        }

        return result;
    }

    /// <summary>A reader that fails must not leave the child blocked on a full pipe until the timeout.</summary>
    private static async Task KillOnFaultAsync(Process process, Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private static void Kill(Process process)
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
            // Already gone: nothing left to stop.
        }
    }

    private static async Task WriteStandardInputAsync(Process process, ReadOnlyMemory<byte>? input, CancellationToken token)
    {
        try
        {
            if (input is { } bytes)
            {
                await process.StandardInput.BaseStream.WriteAsync(bytes, token).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The child closed its stdin early (it had read enough, or failed); its exit code tells the story.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Broken pipe on close: same as above.
            }
        }
    }

    private static async Task ReadStandardErrorAsync(StreamReader reader, BoundedTail tail, Action<string>? onLine, Action? onEnd, CancellationToken token)
    {
        var line = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), token).ConfigureAwait(false)) > 0)
        {
            tail.Append(buffer.AsSpan(0, read));
            if (onLine is null)
            {
                continue;
            }

            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c is '\n' or '\r')
                {
                    if (line.Length > 0)
                    {
                        onLine(line.ToString());
                        line.Clear();
                    }
                }
                else if (line.Length < MaxStderrLineChars)
                {
                    line.Append(c);
                }
            }
        }

        if (onLine is not null && line.Length > 0)
        {
            onLine(line.ToString());
        }

        onEnd?.Invoke();
    }

    private static async Task<byte[]> BufferAsync(Stream stream, long maxBytes, string tool, BoundedTail stderr, CancellationToken token)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
        {
            if (memory.Length + read > maxBytes)
            {
                throw new ChildProcessFailedException(tool, -1, $"output exceeded the limit of {maxBytes} bytes", stderr.ToString());
            }

            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }

    /// <summary>Keeps only the last N characters written, so a chatty child cannot exhaust memory.</summary>
    private sealed class BoundedTail(int capacity)
    {
        private readonly StringBuilder text = new();
        private readonly Lock gate = new();

        public void Append(ReadOnlySpan<char> chars)
        {
            lock (gate)
            {
                if (chars.Length >= capacity)
                {
                    text.Clear().Append(chars[^capacity..]);
                    return;
                }

                text.Append(chars);
                if (text.Length > capacity)
                {
                    text.Remove(0, text.Length - capacity);
                }
            }
        }

        public override string ToString()
        {
            lock (gate)
            {
                return text.ToString();
            }
        }
    }
}
