using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Glance.Grains.Engagement.Learning;

namespace Glance.Grains.Viewers;

/// <summary>
/// A viewer's last decisions, oldest first, bounded: one ring of value entries that grows to the bound once and is then
/// overwritten in place. A decision is kept for minutes to hours, so a decision kept as objects of its own (its record,
/// its id, its feature vector) survived every young collection and was copied into the old generation to die there;
/// at thousands of decisions a second that was what set the collector's pauses and so the decision latency's tail
/// (docs/benchmarks.md, bandit). An entry refers only to strings that live as long as the activation or the event's
/// catalog copy (event and instrument ids, the id's per-activation head), so adding one leaves nothing new to keep.
/// Records (<see cref="DecisionRecord"/>) are made only when something outside the hot path asks for one. It is not
/// stored as a whole: <see cref="ViewerDecisionRows"/> writes each decision once, as its own record.
/// </summary>
public sealed class DecisionLog
{
    private const int FirstCapacity = 2;

    private Entry[] entries = [];
    private int start;
    private int count;

    /// <summary>Whether <see cref="MarkRewards"/> has run on this instance (a loaded log knows nothing of its rewards).</summary>
    private bool rewardsMarked;

    /// <summary>
    /// Decisions and rewarded decisions per kind, kept as the log changes: every decision reads them (the viewer's
    /// history features), and counting a full ring of ~230-byte entries each time was a visible share of its CPU.
    /// </summary>
    private readonly int[] servedByKind = new int[ViewerHistory.Kinds];
    private readonly int[] rewardedByKind = new int[ViewerHistory.Kinds];

    public int Count => count;

    /// <summary>A log of stored records, oldest first, sized to them (the next decision grows it to its bound).</summary>
    public static DecisionLog Load(IReadOnlyList<DecisionRecord> records)
    {
        var log = new DecisionLog { entries = new Entry[records.Count] };
        foreach (var record in records)
        {
            log.Add(record, Math.Max(1, records.Count));
        }

        return log;
    }

    /// <summary>
    /// Appends <paramref name="decision"/>, forgetting the oldest beyond <paramref name="max"/>. When its id is
    /// <paramref name="idHead"/> followed by eight hex digits (as <see cref="DecisionIds"/> makes them), only the head's
    /// reference and the number are kept, so the id string itself can die young.
    /// </summary>
    public void Add(DecisionRecord decision, int max, string? idHead = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (count == max && entries.Length == max)
        {
            // Full at its bound: the new decision takes the oldest one's slot.
            Uncount(in entries[start]);
            start = (start + 1) % entries.Length;
            count--;
        }
        else if (count >= max)
        {
            Rebuild(max, max - 1); // the bound was lowered since this log was filled
        }
        else if (count == entries.Length)
        {
            Rebuild(Math.Min(max, Math.Max(FirstCapacity, entries.Length * 2)), count);
        }

        ref var entry = ref entries[(start + count) % entries.Length];
        entry = default;
        if (idHead is not null && DecisionIds.TryTail(decision.DecisionId, idHead, out var tail))
        {
            entry.IdHead = idHead;
            entry.IdTail = tail;
            entry.IdHasTail = true;
        }
        else
        {
            entry.IdHead = decision.DecisionId;
        }

        entry.EventId = decision.EventId;
        entry.InstrumentId = decision.InstrumentId;
        entry.Kind = decision.Kind;
        entry.Options = decision.Options;
        entry.Answer = decision.Answer;
        entry.Position = decision.Position;
        entry.ServedAt = decision.ServedAt;
        entry.Ranker = decision.Ranker;
        entry.Propensity = decision.Propensity;
        if (decision.Learning is { } trace)
        {
            entry.HasLearning = true;
            entry.Candidates = trace.Candidates;
            entry.RulesPick = trace.RulesPick;
            entry.GreedyPick = trace.GreedyPick;
            if (trace.Features.Count == BanditFeatures.Dimension)
            {
                for (var i = 0; i < BanditFeatures.Dimension; i++)
                {
                    entry.Features[i] = trace.Features[i];
                }
            }
            else
            {
                entry.OtherFeatures = [.. trace.Features]; // a stored trace of another model's size, kept as it was
            }
        }

        servedByKind[(int)entry.Kind]++;
        count++;
    }

    /// <summary>The decision with this id, or null when it is not (or no longer) kept.</summary>
    public DecisionRecord? Find(string decisionId)
    {
        var index = IndexOf(decisionId);
        return index < 0 ? null : Record(in At(index));
    }

    public bool Contains(string decisionId) => IndexOf(decisionId) >= 0;

    /// <summary>Index from the oldest of the decision with this id, newest first (feedback is about recent ones); -1 when not kept.</summary>
    public int IndexOf(string decisionId)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (At(i).HasId(decisionId))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Writes the decision at <paramref name="index"/> (from the oldest) as the <see cref="DecisionRecord"/> that
    /// <see cref="JsonSerializer"/> would write with <paramref name="options"/>, straight from its entry: decisions are
    /// written behind by the thousand a second, and making a record first doubled what a write allocated.
    /// </summary>
    public void WriteJson(int index, Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var names = DecisionJsonNames.For(options);
        var writeNulls = options.DefaultIgnoreCondition is not (JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault);
        Span<char> id = stackalloc char[64];
        ref var entry = ref At(index);
        writer.WriteStartObject();
        if (entry.IdHasTail && DecisionIds.TryFormat(entry.IdHead, entry.IdTail, id, out var written))
        {
            writer.WriteString(names.DecisionId, id[..written]);
        }
        else
        {
            writer.WriteString(names.DecisionId, entry.IdHasTail ? DecisionIds.Format(entry.IdHead, entry.IdTail) : entry.IdHead);
        }

        writer.WriteString(names.EventId, entry.EventId);
        writer.WriteString(names.InstrumentId, entry.InstrumentId);
        writer.WritePropertyName(names.Kind);
        JsonSerializer.Serialize(writer, entry.Kind, options);
        writer.WriteNumber(names.OptionsCount, entry.Options);
        if (entry.Answer is { } answer)
        {
            writer.WriteNumber(names.Answer, answer);
        }
        else if (writeNulls)
        {
            writer.WriteNull(names.Answer);
        }

        writer.WriteNumber(names.Position, entry.Position);
        writer.WriteString(names.ServedAt, entry.ServedAt);
        writer.WriteString(names.Ranker, entry.Ranker);
        writer.WriteNumber(names.Propensity, entry.Propensity);
        if (entry.HasLearning)
        {
            writer.WriteStartObject(names.Learning);
            writer.WriteStartArray(names.Features);
            foreach (var value in entry.OtherFeatures ?? (ReadOnlySpan<float>)entry.Features)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
            writer.WriteNumber(names.Candidates, entry.Candidates);
            writer.WriteBoolean(names.RulesPick, entry.RulesPick);
            writer.WriteBoolean(names.GreedyPick, entry.GreedyPick);
            writer.WriteEndObject();
        }
        else if (writeNulls)
        {
            writer.WriteNull(names.Learning);
        }

        writer.WriteEndObject();
    }

    /// <summary>Records every decision, oldest first.</summary>
    public IEnumerable<DecisionRecord> Records()
    {
        for (var i = 0; i < count; i++)
        {
            yield return Record(in At(i));
        }
    }

    /// <summary>The newest <paramref name="n"/> decisions, oldest of them first.</summary>
    public IEnumerable<DecisionRecord> Newest(int n)
    {
        for (var i = Math.Max(0, count - n); i < count; i++)
        {
            yield return Record(in At(i));
        }
    }

    /// <summary>
    /// Drops the features of decisions served before <paramref name="expired"/>: no feedback can count for them any more,
    /// and the stored state stays small. Walks back from the newest and stops at the first expired decision that has
    /// none left (decisions are kept in serving order, so the older ones were dropped before): a decision reads only
    /// the few still in their window, not the whole history.
    /// </summary>
    public void DropLearningBefore(DateTimeOffset expired)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            ref var entry = ref At(i);
            if (entry.ServedAt >= expired)
            {
                continue;
            }

            if (!entry.HasLearning)
            {
                return;
            }

            entry.HasLearning = false;
            entry.OtherFeatures = null;
        }
    }

    /// <summary>Notes that the decision with this id earned a reward (a click, answer, vote or purchase).</summary>
    public void MarkRewarded(string decisionId)
    {
        var index = IndexOf(decisionId);
        if (index >= 0 && !At(index).Rewarded)
        {
            ref var entry = ref At(index);
            entry.Rewarded = true;
            rewardedByKind[(int)entry.Kind]++;
        }
    }

    /// <summary>
    /// Marks the rewards <paramref name="engagements"/> report, once per instance: a log read from the store keeps no
    /// marks of its own, the engagement history it is stored beside says which of its decisions were rewarded.
    /// </summary>
    public void MarkRewards(IReadOnlyList<EngagementRecord> engagements)
    {
        if (rewardsMarked)
        {
            return;
        }

        rewardsMarked = true;
        foreach (var engagement in engagements)
        {
            if (ViewerHistory.IsReward(engagement.Receipt.Type))
            {
                MarkRewarded(engagement.Receipt.DecisionId);
            }
        }
    }

    /// <summary>Decisions and rewarded decisions per <see cref="InstrumentKind"/> (as an index); call <see cref="MarkRewards"/> first.</summary>
    public void CountByKind(Span<int> served, Span<int> rewarded)
    {
        for (var kind = 0; kind < servedByKind.Length; kind++)
        {
            served[kind] += servedByKind[kind];
            rewarded[kind] += rewardedByKind[kind];
        }
    }

    /// <summary>Where the log stands, so that one decision added after it can be taken back (a write that failed).</summary>
    public LogCheckpoint Checkpoint()
    {
        var next = entries.Length == 0 ? -1 : (start + count) % entries.Length;
        return new LogCheckpoint(entries, start, count, next < 0 ? default : entries[next]);
    }

    /// <summary>Takes back what was added since <paramref name="checkpoint"/>: at most one decision.</summary>
    public void RollBack(LogCheckpoint checkpoint)
    {
        if (!ReferenceEquals(checkpoint.Entries, entries))
        {
            // Rebuilt since: the old buffer still holds the entries as they were.
            entries = checkpoint.Entries;
        }
        else if (checkpoint.Entries.Length > 0)
        {
            entries[(checkpoint.Start + checkpoint.Count) % entries.Length] = checkpoint.Overwritten;
        }

        start = checkpoint.Start;
        count = checkpoint.Count;
        Recount(); // rare (a failed write): the restored entries say what the counts are
    }

    /// <summary>
    /// Moves the newest <paramref name="keep"/> entries into a new buffer: the old one stays as it was, which is what
    /// lets <see cref="RollBack"/> return to it.
    /// </summary>
    private void Rebuild(int capacity, int keep)
    {
        var rebuilt = new Entry[capacity];
        for (var i = 0; i < keep; i++)
        {
            rebuilt[i] = At(count - keep + i);
        }

        entries = rebuilt;
        start = 0;
        count = keep;
        Recount();
    }

    private void Recount()
    {
        Array.Clear(servedByKind);
        Array.Clear(rewardedByKind);
        for (var i = 0; i < count; i++)
        {
            ref var entry = ref At(i);
            servedByKind[(int)entry.Kind]++;
            rewardedByKind[(int)entry.Kind] += entry.Rewarded ? 1 : 0;
        }
    }

    private void Uncount(in Entry entry)
    {
        servedByKind[(int)entry.Kind]--;
        rewardedByKind[(int)entry.Kind] -= entry.Rewarded ? 1 : 0;
    }

    private ref Entry At(int index) => ref entries[(start + index) % entries.Length];

    private static DecisionRecord Record(in Entry entry)
    {
        LearningTrace? learning = null;
        if (entry.HasLearning)
        {
            var features = entry.OtherFeatures ?? ((ReadOnlySpan<float>)entry.Features).ToArray();
            learning = new LearningTrace(features, entry.Candidates, entry.RulesPick, entry.GreedyPick);
        }

        return new DecisionRecord(
            entry.IdHasTail ? DecisionIds.Format(entry.IdHead, entry.IdTail) : entry.IdHead,
            entry.EventId,
            entry.InstrumentId,
            entry.Kind,
            entry.Options,
            entry.Answer,
            entry.Position,
            entry.ServedAt,
            entry.Ranker,
            entry.Propensity,
            learning);
    }

    /// <summary>What <see cref="RollBack"/> needs: the buffer, its ends, and the entry the next decision overwrites.</summary>
    public readonly struct LogCheckpoint
    {
        internal LogCheckpoint(Entry[] entries, int start, int count, Entry overwritten)
        {
            Entries = entries;
            Start = start;
            Count = count;
            Overwritten = overwritten;
        }

        internal Entry[] Entries { get; }

        internal int Start { get; }

        internal int Count { get; }

        internal Entry Overwritten { get; }
    }

    [InlineArray(BanditFeatures.Dimension)]
    internal struct FeatureVector
    {
        private float element;
    }

    internal struct Entry
    {
        /// <summary>The whole id, or with <see cref="IdHasTail"/> its per-activation head.</summary>
        public string IdHead;
        public uint IdTail;
        public bool IdHasTail;
        public string EventId;
        public string InstrumentId;
        public InstrumentKind Kind;
        public int Options;
        public int? Answer;
        public double Position;
        public DateTimeOffset ServedAt;
        public string Ranker;
        public double Propensity;
        public bool HasLearning;
        public int Candidates;
        public bool RulesPick;
        public bool GreedyPick;
        public FeatureVector Features;
        public float[]? OtherFeatures;
        public bool Rewarded;

        public readonly bool HasId(string decisionId) =>
            IdHasTail
                ? DecisionIds.TryTail(decisionId, IdHead, out var tail) && tail == IdTail
                : string.Equals(IdHead, decisionId, StringComparison.Ordinal);
    }
}
