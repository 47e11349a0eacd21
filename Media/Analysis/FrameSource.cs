namespace Glance.Media.Analysis;

/// <summary>Which decode produced a segment's sampled frames.</summary>
public enum FrameSource
{
    /// <summary>No frames were asked for, or the segment has no video.</summary>
    None,

    /// <summary>Keyframes only (<c>-skip_frame nokey</c>): exact by construction or proven equal to the full decode.</summary>
    Keyframes,

    /// <summary>Every frame decoded, samples chosen by the select filter.</summary>
    FullDecode,
}
