namespace Glance.Grains.Interfaces.Ingest;

/// <summary>One segment of a stream, by the stream's epoch and the segment's media sequence number.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentPosition(int Epoch, long Sequence)
{
    /// <summary>Whether the segment (epoch, sequence) is this one or comes before it.</summary>
    public bool Covers(int epoch, long sequence) => epoch < Epoch || (epoch == Epoch && sequence <= Sequence);

    public override string ToString() => $"{Epoch}/{Sequence}";
}
