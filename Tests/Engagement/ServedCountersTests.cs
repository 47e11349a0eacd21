using System.Text.Json;
using Glance.Grains.Engagement;
using Glance.Grains.Viewers;
using Glance.Storage.Persistence;

namespace Glance.Tests.Engagement;

/// <summary>The serving counters are found and replaced under "event/instrument" whatever comparer their dictionary came back with.</summary>
public sealed class ServedCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Dictionaries => new() { "ordinal", "default", "stored" };

    [Theory]
    [MemberData(nameof(Dictionaries))]
    public void A_counter_is_found_and_replaced_under_its_event_and_instrument(string made)
    {
        var served = Make(made, new() { ["match/poll"] = new ServedCount(2, T0) });

        ServedCounters.Find(served, "match", "poll").Should().Be(new ServedCount(2, T0));
        ServedCounters.Find(served, "match", "quiz").Should().BeNull();
        ServedCounters.Find(served, "match", "pol").Should().BeNull("the whole key is compared, not a prefix");
        ServedCounters.Find(served, "other", "poll").Should().BeNull();

        ServedCounters.Set(served, "match", "poll", new ServedCount(3, T0.AddSeconds(1)));
        ServedCounters.Set(served, "match", "quiz", new ServedCount(1, T0.AddSeconds(2)));

        served.Should().BeEquivalentTo(new Dictionary<string, ServedCount>
        {
            ["match/poll"] = new(3, T0.AddSeconds(1)),
            ["match/quiz"] = new(1, T0.AddSeconds(2)),
        });
    }

    [Fact]
    public void Keys_longer_than_the_stack_buffer_take_the_plain_path()
    {
        var served = new Dictionary<string, ServedCount>(StringComparer.Ordinal);
        var instrument = new string('i', 300);

        ServedCounters.Set(served, "match", instrument, new ServedCount(1, T0));

        served.Keys.Should().Equal($"match/{instrument}");
        ServedCounters.Find(served, "match", instrument).Should().Be(new ServedCount(1, T0));
    }

    private static Dictionary<string, ServedCount> Make(string made, Dictionary<string, ServedCount> values) => made switch
    {
        "ordinal" => new(values, StringComparer.Ordinal),
        "default" => new(values),
        // A viewer state read back from the store: the dictionary is the JSON serializer's.
        _ => JsonSerializer.Deserialize<Dictionary<string, ServedCount>>(JsonSerializer.Serialize(values, JsonGrainStorageSerializer.DefaultOptions), JsonGrainStorageSerializer.DefaultOptions)!,
    };
}
