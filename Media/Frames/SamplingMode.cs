namespace Glance.Media.Frames;

public enum SamplingMode
{
    /// <summary>No frames: signal checks only.</summary>
    Off,

    /// <summary>Frames at a fixed rate on the event's timeline (see <see cref="SamplingGrid"/>).</summary>
    Rate,

    /// <summary>Every Nth keyframe, counted across segments.</summary>
    Keyframes,
}
