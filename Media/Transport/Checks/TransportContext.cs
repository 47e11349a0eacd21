namespace Glance.Media.Transport.Checks;

/// <summary>
/// What the packet loop knows and every check family shares: where the current packet is, the stream clock, the PIDs
/// and the error tally. One per analyzer, so per stream; not thread-safe.
/// </summary>
internal sealed class TransportContext
{
    public TransportContext(TransportAnalyzerOptions options)
    {
        Options = options;
        Clock = new StreamClock(StreamClock.To27MHz(options.MaxClockStep));
        Pids = new PidTable(this);
    }

    public TransportAnalyzerOptions Options { get; }

    public StreamClock Clock { get; }

    public PidTable Pids { get; }

    public ErrorTally Errors { get; } = new();

    /// <summary>Byte offset of the current packet in the current segment.</summary>
    public long PacketOffset { get; set; }

    /// <summary>Byte position of the current packet in the whole stream (segments back to back).</summary>
    public long PacketPosition { get; set; }

    /// <summary>Stream byte position where the current segment starts.</summary>
    public long SegmentBase { get; set; }

    public void Record(TransportCheck check) => Errors.Record(check, PacketOffset, Clock.Seconds);

    /// <summary>Moves to the packet at <paramref name="offset"/> in the current segment.</summary>
    public void At(int offset)
    {
        PacketOffset = offset;
        PacketPosition = SegmentBase + offset;
    }
}
