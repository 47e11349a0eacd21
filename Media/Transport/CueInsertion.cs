namespace Glance.Media.Transport;

/// <summary>
/// A rewritten stream, the PID its cues travel on, and the continuity counter the next packet of that PID must carry
/// (give it to the next segment's rewrite, so a reader going from segment to segment sees an unbroken PID).
/// </summary>
public sealed record CueInsertion(byte[] Stream, int Pid, int NextContinuityCounter);
