namespace Glance.Media.Processes;

/// <param name="StandardOutput">Buffered stdout; empty when a <see cref="ChildProcessRequest.StandardOutputReader"/> consumed it.</param>
/// <param name="StandardErrorTail">The last part of stderr (bounded), for diagnostics.</param>
public sealed record ChildProcessResult(int ExitCode, byte[] StandardOutput, string StandardErrorTail, TimeSpan Elapsed);
