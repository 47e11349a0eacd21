namespace Glance.Media.Hls;

/// <summary>The stream restarted: its sequence numbers now name different segments than the cursor remembers.</summary>
public sealed record CursorRestart(int PreviousEpoch, int Epoch, string Reason);
