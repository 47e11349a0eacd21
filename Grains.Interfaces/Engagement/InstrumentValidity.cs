namespace Glance.Grains.Interfaces.Engagement;

/// <summary>When an instrument may be shown: in event time (seconds since the event start) and on the wall clock; null bounds are open.</summary>
[GenerateSerializer, Immutable]
public sealed record InstrumentValidity(double? FromPosition = null, double? ToPosition = null, DateTimeOffset? NotBefore = null, DateTimeOffset? NotAfter = null)
{
    public static InstrumentValidity Always { get; } = new();

    public bool Covers(double position, DateTimeOffset now) =>
        (FromPosition is not { } from || position >= from)
        && (ToPosition is not { } to || position <= to)
        && (NotBefore is not { } notBefore || now >= notBefore)
        && (NotAfter is not { } notAfter || now <= notAfter);
}
