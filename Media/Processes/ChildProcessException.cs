namespace Glance.Media.Processes;

/// <summary>Base type for every failure to run an external tool, so callers can catch one type.</summary>
public abstract class ChildProcessException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The tool is not installed or not on PATH.</summary>
public sealed class ToolNotFoundException(string tool, Exception? inner = null)
    : ChildProcessException($"'{tool}' was not found. Install it with scripts/setup (it apt-installs ffmpeg and tesseract-ocr), or set its path in configuration.", inner)
{
    public string Tool { get; } = tool;
}

/// <summary>The tool ran past its time limit and was killed.</summary>
public sealed class ChildProcessTimeoutException(string tool, TimeSpan timeout, string standardErrorTail)
    : ChildProcessException($"'{tool}' did not finish within {timeout.TotalSeconds:0.###} s and was killed. {LastLine(standardErrorTail)}".TrimEnd())
{
    public string StandardErrorTail { get; } = standardErrorTail;

    internal static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? string.Empty : $"Last output: {lines[^1]}";
    }
}

/// <summary>The tool exited with a failure code, or produced more output than allowed.</summary>
public sealed class ChildProcessFailedException(string tool, int exitCode, string reason, string standardErrorTail)
    : ChildProcessException($"'{tool}' failed (exit code {exitCode}): {reason}")
{
    public int ExitCode { get; } = exitCode;

    public string StandardErrorTail { get; } = standardErrorTail;
}
