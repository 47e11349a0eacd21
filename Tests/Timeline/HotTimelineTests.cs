using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Timeline;

namespace Glance.Tests.Timeline;

public sealed class HotTimelineTests
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    [Fact]
    public void Context_is_the_distinct_entities_of_the_window_ordered_by_relevance()
    {
        var hot = HotTimeline.Empty
            .With(Frames(1, 40, 45, ("face", "ada", "Ada", 0.9), ("team", "por", "Porto", 0.8)), 0, 1, TwoHours)
            .With(Frames(2, 46, 55, ("team", "por", "Porto", 0.7), ("logo", "gtv", "GTV", 0.95)), 0, 2, TwoHours)
            .With(Frames(3, 56, 70, ("face", "bob", "Bob", 0.99)), 0, 3, TwoHours);

        var entities = HotTimeline.Aggregate(hot.Range(40, 55), 100);

        entities.Select(e => e.Name).Should().Equal("Porto", "GTV", "Ada");
        var porto = entities[0];
        porto.Occurrences.Should().Be(16);
        porto.FirstSeen.Should().Be(40);
        porto.LastSeen.Should().Be(55);
        porto.MaxConfidence.Should().Be(0.8);
        entities.Should().NotContain(e => e.Name == "Bob", "Bob appears only after the window");
    }

    [Fact]
    public void Window_bounds_are_inclusive_and_an_empty_window_is_an_empty_list()
    {
        var hot = HotTimeline.Empty.With(Frames(1, 10, 12, ("label", null, "person", 0.6)), 0, 1, TwoHours);

        HotTimeline.Aggregate(hot.Range(12, 20), 100).Should().ContainSingle().Which.Occurrences.Should().Be(1);
        HotTimeline.Aggregate(hot.Range(0, 10), 100).Should().ContainSingle();
        HotTimeline.Aggregate(hot.Range(13, 20), 100).Should().BeEmpty();
    }

    [Fact]
    public void Several_sightings_of_one_entity_in_a_frame_count_once_and_the_best_confidence_wins()
    {
        var frame = new TimelineEntry(5, null, 0, 1, 0, [Sight("text", null, "POR", 0.5), Sight("text", null, "POR", 0.9)]);

        var entity = HotTimeline.Aggregate([frame], 100).Single();

        entity.Occurrences.Should().Be(1);
        entity.MaxConfidence.Should().Be(0.9);
    }

    [Fact]
    public void Adding_a_segment_again_replaces_its_frames_instead_of_duplicating_them()
    {
        var once = HotTimeline.Empty.With(Frames(7, 10, 15, ("logo", "gtv", "GTV", 0.9)), 0, 7, TwoHours);

        var twice = once.With(Frames(7, 10, 15, ("logo", "gtv", "GTV", 0.9)), 0, 7, TwoHours);

        twice.Count.Should().Be(once.Count);
        HotTimeline.Aggregate(twice.Range(0, 100), 100).Single().Occurrences.Should().Be(6);
    }

    [Fact]
    public void Frames_older_than_the_window_are_dropped_and_the_timeline_says_so()
    {
        var hot = HotTimeline.Empty
            .With(Frames(1, 0, 9, ("label", null, "car", 0.7)), 0, 1, TimeSpan.FromSeconds(30))
            .With(Frames(2, 50, 59, ("label", null, "car", 0.7)), 0, 2, TimeSpan.FromSeconds(30));

        hot.Oldest.Should().Be(50);
        hot.Trimmed.Should().BeTrue();
        hot.Covers(40).Should().BeFalse("frames before 50 s are only in the store now");
        hot.Covers(50).Should().BeTrue();
    }

    [Fact]
    public void Entities_are_identified_by_known_id_before_name()
    {
        var frames = new[]
        {
            new TimelineEntry(1, null, 0, 1, 0, [Sight("team", "por", "Porto", 0.8)]),
            new TimelineEntry(2, null, 0, 1, 1, [Sight("team", "por", "FC Porto", 0.6)]),
            new TimelineEntry(3, null, 0, 1, 2, [Sight("face", null, "unknown face", 0.6)]),
        };

        var entities = HotTimeline.Aggregate(frames, 100);

        entities.Should().HaveCount(2);
        entities.Single(e => e.Kind == "team").Occurrences.Should().Be(2);
    }

    [Fact]
    public void Readings_of_one_text_that_differ_only_in_case_and_spacing_are_one_entity_under_its_most_spaced_name()
    {
        var readings = new[] { "LIV2-1ARS", "LIV 2 - 1 ARS", "liv2-1 ars", "LIV 2- 1 ARS" };
        var frames = readings
            .Select((text, i) => new TimelineEntry(i, null, 0, 1, i, [Sight("text", null, text, 0.8), Sight("text", null, "LIV 2 - 2 ARS", 0.5)]))
            .ToList();

        var cold = HotTimeline.Aggregate(frames, 100);
        var hot = HotTimeline.Empty.With(frames, 0, 1, TwoHours).Aggregate(0, 10, 100);

        foreach (var entities in new[] { cold, hot })
        {
            entities.Should().HaveCount(2, "a different score is a different text");
            entities[0].Name.Should().Be("LIV 2 - 1 ARS");
            entities[0].Occurrences.Should().Be(4);
        }

        var reversed = Enumerable.Reverse(frames).Select((f, i) => f with { Position = i, Frame = i }).ToList();
        HotTimeline.Aggregate(reversed, 100)[0].Name.Should().Be("LIV 2 - 1 ARS", "the name shown does not depend on which reading came first");
    }

    [Fact]
    public void Names_that_are_not_read_text_keep_their_case_and_spacing_apart()
    {
        var frame = new TimelineEntry(1, null, 0, 1, 0, [Sight("label", null, "sports ball", 0.8), Sight("label", null, "Sports Ball", 0.8), Sight("face", null, "unknown face", 0.6)]);

        HotTimeline.Aggregate([frame], 100).Should().HaveCount(3);
    }

    private static List<TimelineEntry> Frames(long sequence, int from, int to, params (string Kind, string? Id, string Name, double Confidence)[] sightings) =>
        Enumerable.Range(from, to - from + 1)
            .Select((second, i) => new TimelineEntry(second, null, 0, sequence, i, sightings.Select(s => Sight(s.Kind, s.Id, s.Name, s.Confidence)).ToList()))
            .ToList();

    private static Sighting Sight(string kind, string? id, string name, double confidence) => new(kind, id, name, confidence, null, "test");
}
