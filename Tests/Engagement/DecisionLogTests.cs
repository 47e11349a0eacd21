using System.Buffers;
using System.Text;
using System.Text.Json;
using Glance.Grains.Common;
using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Viewers;
using Glance.Storage.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Glance.Tests.Engagement;

/// <summary>
/// The viewer's decision log keeps decisions as values in a bounded ring: it must answer, write and roll back exactly as
/// the list of records it replaced did; states stored with that list still read.
/// </summary>
public sealed class DecisionLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 16, 0, 0, TimeSpan.Zero);
    private const string Head = "d-0123456789abcdef";

    [Fact]
    public void Beyond_its_bound_the_oldest_decisions_go_and_the_rest_keep_their_order()
    {
        var log = new DecisionLog();
        for (var i = 1; i <= 25; i++)
        {
            log.Add(Decision(i), max: 10, Head);
        }

        log.Count.Should().Be(10);
        log.Records().Select(d => d.DecisionId).Should().Equal(Enumerable.Range(16, 10).Select(Id));
        log.Records().First().Should().BeEquivalentTo(Decision(16));
        log.Find(Id(15)).Should().BeNull();
        log.Find(Id(25)).Should().BeEquivalentTo(Decision(25));
        log.Newest(3).Select(d => d.DecisionId).Should().Equal(Id(23), Id(24), Id(25));
    }

    [Fact]
    public void An_id_is_found_only_in_the_form_it_was_made_in()
    {
        var log = new DecisionLog();
        log.Add(Decision(0x2a), max: 10, Head);
        log.Add(Decision("elsewhere-7"), max: 10, Head); // not the head's form: kept whole

        log.Contains(Id(0x2a)).Should().BeTrue();
        log.Contains(Id(0x2a).ToUpperInvariant()).Should().BeFalse();
        log.Contains(Head + "0000002b").Should().BeFalse();
        log.Contains("d-fedcba9876543210" + "0000002a").Should().BeFalse();
        log.Contains(Head + "2a").Should().BeFalse();
        log.Find("elsewhere-7")!.DecisionId.Should().Be("elsewhere-7");
    }

    [Fact]
    public void The_features_survive_the_log_and_are_dropped_once_out_of_time()
    {
        var log = new DecisionLog();
        for (var i = 1; i <= 4; i++)
        {
            log.Add(Decision(i), max: 10, Head);
        }

        log.Find(Id(1))!.Learning.Should().BeEquivalentTo(Decision(1).Learning);

        log.DropLearningBefore(T0.AddSeconds(3)); // decisions 1 and 2 were served at +1 s and +2 s
        log.Records().Select(d => d.Learning is not null).Should().Equal(false, false, true, true);
        log.Find(Id(4))!.Learning!.Features.Should().Equal(Decision(4).Learning!.Features);
    }

    [Fact]
    public void A_trace_of_another_size_is_kept_as_it_was()
    {
        var log = new DecisionLog();
        var odd = Decision(1) with { Learning = new LearningTrace([1f, 2f, 3f], 2, false, true) };
        log.Add(odd, max: 10, Head);

        log.Find(Id(1)).Should().BeEquivalentTo(odd);
    }

    [Fact]
    public void Rewards_are_counted_by_kind_from_the_engagements_stored_beside_the_log()
    {
        var log = new DecisionLog();
        log.Add(Decision(1, InstrumentKind.Poll), max: 10, Head);
        log.Add(Decision(2, InstrumentKind.Poll), max: 10, Head);
        log.Add(Decision(3, InstrumentKind.Ad), max: 10, Head);
        EngagementRecord Engaged(int i, EngagementType type) => new($"k{i}", new EngagementReceipt(i, Id(i), "match", "i", type, null, null, T0));

        log.MarkRewards([Engaged(1, EngagementType.Vote), Engaged(3, EngagementType.Impression)]);
        log.MarkRewarded(Id(3)); // a click reported later, in memory
        var served = new int[ViewerHistory.Kinds];
        var rewarded = new int[ViewerHistory.Kinds];
        log.CountByKind(served, rewarded);

        served[(int)InstrumentKind.Poll].Should().Be(2);
        served[(int)InstrumentKind.Ad].Should().Be(1);
        rewarded[(int)InstrumentKind.Poll].Should().Be(1);
        rewarded[(int)InstrumentKind.Ad].Should().Be(1);
    }

    [Fact]
    public void The_counts_by_kind_follow_every_change_to_the_log()
    {
        var random = new Random(7);
        var kinds = Enum.GetValues<InstrumentKind>();
        var log = new DecisionLog();
        var model = new List<(int Id, InstrumentKind Kind, bool Rewarded)>(); // what the log should hold, oldest first
        var next = 1;
        for (var step = 0; step < 3_000; step++)
        {
            var max = step < 2_000 ? 40 : 12; // a bound lowered part way, as a configuration change would
            switch (random.Next(10))
            {
                case < 6:
                    var kind = kinds[random.Next(kinds.Length)];
                    log.Add(Decision(next, kind), max, Head);
                    model.Add((next++, kind, false));
                    model.RemoveRange(0, Math.Max(0, model.Count - max));
                    break;
                case < 9 when next > 1:
                    var rewarded = random.Next(Math.Max(1, next - 60), next); // sometimes one no longer kept
                    log.MarkRewarded(Id(rewarded));
                    var at = model.FindIndex(d => d.Id == rewarded);
                    if (at >= 0)
                    {
                        model[at] = model[at] with { Rewarded = true };
                    }

                    break;
                default:
                    var checkpoint = log.Checkpoint();
                    log.Add(Decision(next, kinds[random.Next(kinds.Length)]), max, Head);
                    log.RollBack(checkpoint); // the id is not reused: a rolled-back decision's number is its own
                    next++;
                    break;
            }

            var served = new int[ViewerHistory.Kinds];
            var rewardedCounts = new int[ViewerHistory.Kinds];
            log.CountByKind(served, rewardedCounts);
            served.Should().Equal(kinds.Select(k => model.Count(d => d.Kind == k)), $"step {step}");
            rewardedCounts.Should().Equal(kinds.Select(k => model.Count(d => d.Kind == k && d.Rewarded)), $"step {step}");
        }
    }

    [Theory]
    [InlineData(4, 20)] // growing: four fill the buffer (2, then 4), the decision moves the log into a larger one
    [InlineData(10, 10)] // full: the decision takes the oldest one's slot
    [InlineData(3, 10)] // with room
    public void A_decision_added_after_a_checkpoint_is_taken_back(int kept, int max)
    {
        var log = new DecisionLog();
        for (var i = 1; i <= kept; i++)
        {
            log.Add(Decision(i), max, Head);
        }

        var before = log.Records().ToList();
        var checkpoint = log.Checkpoint();
        log.Add(Decision(99), max, Head);
        log.Contains(Id(99)).Should().BeTrue();

        log.RollBack(checkpoint);

        log.Records().Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        log.Contains(Id(99)).Should().BeFalse();
    }

    [Fact]
    public void A_lowered_bound_keeps_the_newest()
    {
        var log = new DecisionLog();
        for (var i = 1; i <= 10; i++)
        {
            log.Add(Decision(i), max: 10, Head);
        }

        log.Add(Decision(11), max: 4, Head);

        log.Records().Select(d => d.DecisionId).Should().Equal(Id(8), Id(9), Id(10), Id(11));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_decision_is_written_as_the_record_it_holds_and_reads_back_as_it(bool recordOptions)
    {
        var log = new DecisionLog();
        for (var i = 1; i <= 12; i++)
        {
            log.Add(i % 3 == 0 ? Decision(i) with { Answer = null, Learning = null } : Decision(i), max: 8, Head);
        }

        // The record store's options (nulls left out) and the state row's (nulls written) both give the serializer's shape.
        var options = recordOptions ? StoredJson.Options : JsonGrainStorageSerializer.DefaultOptions;
        var records = log.Records().ToList();
        for (var i = 0; i < log.Count; i++)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                log.WriteJson(i, writer, options);
            }

            Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(JsonSerializer.Serialize(records[i], options));
            JsonSerializer.Deserialize<DecisionRecord>(buffer.WrittenSpan, options).Should().BeEquivalentTo(records[i]);
        }
    }

    [Fact]
    public void A_state_stored_with_its_decisions_in_the_row_reads_them_and_is_written_without_them()
    {
        var stored = Enumerable.Range(1, 5).Select(i => Decision($"old-{i}")).ToList();
        var json = JsonSerializer.Serialize(new { decisions = stored, served = new { } }, JsonGrainStorageSerializer.DefaultOptions);

        var state = JsonSerializer.Deserialize<ViewerState>(json, JsonGrainStorageSerializer.DefaultOptions)!;

        state.StoredDecisions.Should().BeEquivalentTo(stored, o => o.WithStrictOrdering());
        state.StoredDecisions = null; // as the viewer does once it has written them as records
        state.DecisionSequence = 5;
        using var written = JsonDocument.Parse(JsonSerializer.Serialize(state, JsonGrainStorageSerializer.DefaultOptions));
        written.RootElement.TryGetProperty("decisions", out _).Should().BeFalse();
        written.RootElement.GetProperty("decisionSequence").GetInt64().Should().Be(5);
    }

    [Fact]
    public void Orleans_serializes_and_copies_it_as_its_records()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(ViewerState).Assembly)).BuildServiceProvider();
        var state = new ViewerState { CreatedAt = T0 };
        for (var i = 1; i <= 5; i++)
        {
            state.Decisions.Add(Decision(i), max: 10, Head);
        }

        var serializer = services.GetRequiredService<Serializer>();
        var read = serializer.Deserialize<ViewerState>(serializer.SerializeToArray(state))!;
        var copy = services.GetRequiredService<DeepCopier>().Copy(state)!;

        read.Decisions.Records().Should().BeEquivalentTo(state.Decisions.Records(), o => o.WithStrictOrdering());
        copy.Decisions.Should().NotBeSameAs(state.Decisions);
        copy.Decisions.Records().Should().BeEquivalentTo(state.Decisions.Records(), o => o.WithStrictOrdering());
    }

    private static string Id(int n) => DecisionIds.Format(Head, (uint)n);

    private static DecisionRecord Decision(int n, InstrumentKind kind = InstrumentKind.Trivia) => Decision(Id(n), kind, n);

    private static DecisionRecord Decision(string id, InstrumentKind kind = InstrumentKind.Trivia, int n = 1) => new(
        id,
        "match",
        $"instrument-{n % 4}",
        kind,
        4,
        n % 4,
        100.5 + n,
        T0.AddSeconds(n),
        "linucb",
        0.25 + (n / 1000.0),
        new LearningTrace([.. Enumerable.Range(0, BanditFeatures.Dimension).Select(f => (f * 0.37f) + n)], 3, n % 2 == 0, true));
}
