using Glance.Grains.Interfaces.Timeline;

namespace Glance.Tests.Timeline;

public sealed class WebVttTests
{
    [Fact]
    public void Each_frame_is_a_cue_until_the_next_with_its_sightings_as_json()
    {
        var vtt = Write(
            new TimelineEntry(40, null, 0, 1, 0, [new Sighting("face", "ada", "Ada", 0.9, new SightingBox(0.1, 0.2, 0.3, 0.4), "local.faces")]),
            new TimelineEntry(41, null, 0, 1, 1, [new Sighting("text", null, "a --> b", 0.7, null, "local.text")]),
            new TimelineEntry(3661.5, null, 0, 2, 0, [new Sighting("logo", "gtv", "GTV", 0.95, null, "local.logos")]));

        var lines = vtt.Split('\n');
        lines[0].Should().Be("WEBVTT");
        lines[2].Should().Be("00:00:40.000 --> 00:00:41.000");
        lines[3].Should().Contain("\"name\":\"Ada\"").And.Contain("\"box\":{\"x\":0.1");
        lines[5].Should().Be("00:00:41.000 --> 00:00:43.000", "a cue lasts until the next frame, at most 2 s");
        lines[6].Should().NotContain("-->", "a cue payload must not contain the timing arrow");
        lines[8].Should().Be("01:01:01.500 --> 01:01:02.500");
    }

    [Fact]
    public void Frames_before_the_event_start_are_kept_as_cues_clamped_to_zero()
    {
        var vtt = Write(
            new TimelineEntry(-4, null, 0, 1, 0, [new Sighting("logo", "a", "A", 0.9, null, "local.logos")]),
            new TimelineEntry(-0.5, null, 0, 1, 1, [new Sighting("logo", "b", "B", 0.9, null, "local.logos")]),
            new TimelineEntry(1, null, 0, 2, 0, [new Sighting("logo", "c", "C", 0.9, null, "local.logos")]));

        var lines = vtt.Split('\n');
        lines[2].Should().Be("00:00:00.000 --> 00:00:00.001", "a frame whose cue ends before the start still gets the shortest cue at 0");
        lines[3].Should().Contain("\"name\":\"A\"");
        lines[5].Should().Be("00:00:00.000 --> 00:00:01.000", "a cue that spans the start begins at 0 and keeps its end");
        lines[8].Should().Be("00:00:01.000 --> 00:00:02.000");
    }

    [Fact]
    public void No_frames_is_a_valid_empty_track()
    {
        Write().Should().Be("WEBVTT\n\n");
    }

    private static string Write(params TimelineEntry[] entries) => Glance.Api.Endpoints.WebVtt.Write(entries);
}
