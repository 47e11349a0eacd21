using System.IO.Hashing;
using System.Text;
using Glance.Grains.Engagement;
using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Interfaces.Viewers;

namespace Glance.Tests.Engagement.Learning;

/// <summary>
/// The feature vector is what the learned models were trained on: building it without allocating must put every token
/// in the bucket, with the sign, that the plain string hash put it in, or a silo would score with another model's axes.
/// </summary>
public sealed class BanditFeaturesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Profiles => new() { "plain", "non-ascii", "long", "many", "nulls", "none" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_vector_hashes_every_token_as_the_string_reference_does(string profileCase)
    {
        var profile = Profile(profileCase);
        var entities = new List<ContextEntity>
        {
            new("person", "messi", "Lionel Messi", 40, 45, 5, 0.9),
            new("label", null, "Sports Ball", 41, 42, 2, 0.8),
            new("team", "são-paulo", "SÃO PAULO FC", 40, 50, 9, 0.7),
            new("text", null, "İSTANBUL ⚽ " + new string('Ж', 300), 40, 40, 1, 0.6),
        };
        var context = new RankingContext("t", "e", 1234, entities, profile, Now, new ViewerHistory([3, 1, 0, 2, 0, 0], [1, 0, 0, 1, 0, 0]));
        var candidate = new RankingCandidate(new InstrumentView("i", new InstrumentDefinition(InstrumentKind.Trivia, "Q"), 1, Now, Now), [entities[0]]);

        var built = BanditFeatures.Build(context, candidate);

        built.Should().Equal(Reference(context, candidate));
    }

    [Fact]
    public void Shared_values_do_not_depend_on_what_the_buffer_held_before()
    {
        var context = new RankingContext("t", "e", 60, [new("person", "messi", "Lionel Messi", 40, 45, 5, 0.9)], Profile("plain"), Now, ViewerHistory.Empty);
        Span<float> dirty = stackalloc float[BanditFeatures.Dimension];
        dirty.Fill(7);

        BanditFeatures.Shared(context, dirty);

        dirty.ToArray().Should().Equal(BanditFeatures.Shared(context));
    }

    private static ViewerProfile? Profile(string profileCase) => profileCase switch
    {
        "plain" => new ViewerProfile("25-34", "f", "PT", null, ["football", "music"], ["fan-porto", "casual"]),
        "non-ascii" => new ViewerProfile("25-34", "F", "TR", null, ["FUTEBOL São Paulo", "İzmir"], ["Ärger", "😀 emoji"]),
        "long" => new ViewerProfile(Segments: [new string('x', 200), "Ω" + new string('é', 500)]),
        "many" => new ViewerProfile("18-24", "m", "ES", null, [.. Enumerable.Range(0, 40).Select(i => $"interest-{i}")], [.. Enumerable.Range(0, 40).Select(i => $"segment-{i}")]),
        "nulls" => new ViewerProfile(null, null, null, null, [null!, "music"], [null!]),
        _ => null,
    };

    /// <summary>The vector as first written: strings joined, lower-cased and encoded per token, enumerators over the lists.</summary>
    private static float[] Reference(RankingContext context, RankingCandidate candidate)
    {
        const int D = 32, EntityStart = 7, EntityBuckets = 9, ProfileStart = 16, ProfileBuckets = 16, MaxTokens = 64;
        var x = new float[D];
        var history = context.History ?? ViewerHistory.Empty;
        x[0] = 1;
        x[3] = history.TotalRewarded / (history.TotalServed + 2f);
        x[5] = (float)Math.Clamp(context.Position / 7200, 0, 1);
        x[6] = Math.Min(context.Entities.Count, 10) / 10f;
        var entities = 0;
        foreach (var entity in context.Entities)
        {
            if (entities++ == MaxTokens)
            {
                break;
            }

            Hash(x, EntityStart, EntityBuckets, entity.Kind, entity.Id ?? entity.Name);
        }

        Normalize(x, EntityStart, EntityBuckets);
        if (context.Profile is { } profile)
        {
            var tokens = 0;
            foreach (var (group, value) in Tokens(profile))
            {
                if (tokens++ == MaxTokens)
                {
                    break;
                }

                Hash(x, ProfileStart, ProfileBuckets, group, value);
            }

            Normalize(x, ProfileStart, ProfileBuckets);
        }

        var kind = (int)candidate.Instrument.Definition.Kind;
        x[1] = Math.Min(candidate.Matched.Count, 3) / 3f;
        x[2] = history.Rewarded[kind] / (history.Served[kind] + 2f);
        x[4] = history.Served[kind] / (history.TotalServed + 1f);
        return x;
    }

    private static IEnumerable<(string Group, string Value)> Tokens(ViewerProfile profile)
    {
        foreach (var segment in profile.Segments ?? [])
        {
            yield return ("segment", segment);
        }

        foreach (var interest in profile.Interests ?? [])
        {
            yield return ("interest", interest);
        }

        if (profile.AgeRange is { } age)
        {
            yield return ("age", age);
        }

        if (profile.Country is { } country)
        {
            yield return ("country", country);
        }

        if (profile.Gender is { } gender)
        {
            yield return ("gender", gender);
        }
    }

    private static void Hash(float[] x, int start, int buckets, string group, string value)
    {
        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{group}:{value}".ToLowerInvariant()));
        x[start + (int)((hash & 0x7FFF_FFFFu) % (uint)buckets)] += (hash & 0x8000_0000u) == 0 ? 1f : -1f;
    }

    private static void Normalize(float[] x, int start, int count)
    {
        var squares = x.Skip(start).Take(count).Aggregate(0f, (sum, v) => sum + (v * v));
        var scale = squares > 0 ? 1 / MathF.Sqrt(squares) : 1;
        Array.ForEach(Enumerable.Range(start, count).ToArray(), i => x[i] *= scale);
    }
}
