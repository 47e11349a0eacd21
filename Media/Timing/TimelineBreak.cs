namespace Glance.Media.Timing;

/// <summary>Why a segment's stream time was (or was not) derived from the previous segment's timestamps.</summary>
public enum TimelineBreak
{
    /// <summary>Timestamps continue the previous segment's.</summary>
    None,

    /// <summary>First segment of the event.</summary>
    Start,

    /// <summary>The playlist signalled EXT-X-DISCONTINUITY: re-anchored on program date-time, else on accumulated EXTINF.</summary>
    Discontinuity,

    /// <summary>Timestamps jumped without a discontinuity tag: treated like a discontinuity.</summary>
    PtsJump,

    /// <summary>The media sequence went backwards (the packager restarted): re-anchored, new epoch.</summary>
    Restart,
}
