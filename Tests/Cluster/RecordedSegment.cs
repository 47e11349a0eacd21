using System.Text.Json;

namespace Glance.Tests.Cluster;

/// <summary>One entry of <c>GET /v1/events/{id}/segments</c>: what the timeline recorded for a media sequence.</summary>
internal sealed record RecordedSegment(long Sequence, string Outcome, double? StreamStart, double? StreamEnd, DateTimeOffset AnalysedAt)
{
    public static RecordedSegment From(JsonElement segment) => new(
        segment.GetProperty("sequence").GetInt64(),
        segment.GetProperty("outcome").ToString(),
        Number(segment.GetProperty("streamStart")),
        Number(segment.GetProperty("streamEnd")),
        segment.GetProperty("analysedAt").GetDateTimeOffset());

    /// <summary>
    /// The segment invariant as the API shows it: every media sequence from the first recorded to the last recorded
    /// exactly once, each placed in stream time, each starting where the one before ended.
    /// </summary>
    public static void ShouldBeContiguousAndOnce(IReadOnlyList<RecordedSegment> segments, string across)
    {
        var sequences = segments.Select(s => s.Sequence).ToList();
        sequences.Should().NotBeEmpty();
        sequences.Should().OnlyHaveUniqueItems("no segment is recorded twice");
        sequences.Should().Equal(
            Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i),
            $"no segment is skipped from the first recorded to the last, across {across}");
        segments.Should().OnlyContain(s => s.StreamStart != null && s.StreamEnd != null, "every segment of a healthy source is placed in stream time");
        for (var i = 1; i < segments.Count; i++)
        {
            // Stream time comes from the clock state the timeline persists: a segment analysed twice, or a clock
            // restarted from nothing, would overlap or go back here.
            segments[i].StreamStart!.Value.Should().BeGreaterThanOrEqualTo(
                segments[i - 1].StreamEnd!.Value - 0.05,
                $"segment {segments[i].Sequence} starts where {segments[i - 1].Sequence} ended in stream time");
        }
    }

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
