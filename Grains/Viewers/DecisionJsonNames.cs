using System.Text.Json;

namespace Glance.Grains.Viewers;

/// <summary>
/// The property names of a stored <see cref="DecisionRecord"/> under one serializer's naming policy, encoded once: the
/// decision log writes them for every decision of every write behind.
/// </summary>
internal sealed class DecisionJsonNames
{
    private static DecisionJsonNames? last;

    private DecisionJsonNames(JsonSerializerOptions options)
    {
        Options = options;
        JsonEncodedText Name(string name) => JsonEncodedText.Encode(options.PropertyNamingPolicy?.ConvertName(name) ?? name);
        DecisionId = Name(nameof(DecisionRecord.DecisionId));
        EventId = Name(nameof(DecisionRecord.EventId));
        InstrumentId = Name(nameof(DecisionRecord.InstrumentId));
        Kind = Name(nameof(DecisionRecord.Kind));
        OptionsCount = Name(nameof(DecisionRecord.Options));
        Answer = Name(nameof(DecisionRecord.Answer));
        Position = Name(nameof(DecisionRecord.Position));
        ServedAt = Name(nameof(DecisionRecord.ServedAt));
        Ranker = Name(nameof(DecisionRecord.Ranker));
        Propensity = Name(nameof(DecisionRecord.Propensity));
        Learning = Name(nameof(DecisionRecord.Learning));
        Features = Name(nameof(LearningTrace.Features));
        Candidates = Name(nameof(LearningTrace.Candidates));
        RulesPick = Name(nameof(LearningTrace.RulesPick));
        GreedyPick = Name(nameof(LearningTrace.GreedyPick));
    }

    public JsonSerializerOptions Options { get; }

    public JsonEncodedText DecisionId { get; }

    public JsonEncodedText EventId { get; }

    public JsonEncodedText InstrumentId { get; }

    public JsonEncodedText Kind { get; }

    public JsonEncodedText OptionsCount { get; }

    public JsonEncodedText Answer { get; }

    public JsonEncodedText Position { get; }

    public JsonEncodedText ServedAt { get; }

    public JsonEncodedText Ranker { get; }

    public JsonEncodedText Propensity { get; }

    public JsonEncodedText Learning { get; }

    public JsonEncodedText Features { get; }

    public JsonEncodedText Candidates { get; }

    public JsonEncodedText RulesPick { get; }

    public JsonEncodedText GreedyPick { get; }

    /// <summary>The names for <paramref name="options"/>; a store uses one options instance, so the last one is kept.</summary>
    public static DecisionJsonNames For(JsonSerializerOptions options)
    {
        var names = Volatile.Read(ref last);
        if (names is null || !ReferenceEquals(names.Options, options))
        {
            names = new DecisionJsonNames(options);
            Volatile.Write(ref last, names);
        }

        return names;
    }
}
