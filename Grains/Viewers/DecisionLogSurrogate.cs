namespace Glance.Grains.Viewers;

/// <summary>How Orleans' own serializer carries a <see cref="DecisionLog"/> (the in-memory store, deep copies): as its records.</summary>
[GenerateSerializer, Alias("glance.viewers.decision-log")]
public struct DecisionLogSurrogate
{
    [Id(0)]
    public List<DecisionRecord> Decisions;
}

[RegisterConverter]
public sealed class DecisionLogSurrogateConverter : IConverter<DecisionLog, DecisionLogSurrogate>
{
    public DecisionLog ConvertFromSurrogate(in DecisionLogSurrogate surrogate) => DecisionLog.Load(surrogate.Decisions ?? []);

    public DecisionLogSurrogate ConvertToSurrogate(in DecisionLog value) => new() { Decisions = [.. value.Records()] };
}
