using System.Text.Json;
using Glance.Media.Hls;
using Xunit.Abstractions;

namespace Glance.Tests.Hls;

public sealed class SegmentCursorTests(ITestOutputHelper output)
{
    private static readonly FakeLiveStream Stream = new();

    [Fact]
    public void New_cursor_starts_three_target_durations_from_the_end()
    {
        var advance = SegmentCursor.Initial.Advance(Stream.Window(0, 10));

        Sequences(advance).Should().Equal(7, 8, 9);
        advance.SkippedAtStart.Should().Be(7);
        advance.Gap.Should().BeNull();
        advance.Restart.Should().BeNull();
        advance.Next.LastSequence.Should().Be(9);
        advance.Next.LastUri.Should().Be("https://cdn.example.com/live/720p/seg9.ts");
        advance.Segments.Should().OnlyContain(s => s.Epoch == 0 && !s.StartsDiscontinuity);
    }

    [Fact]
    public void New_cursor_can_start_at_the_first_segment_in_the_window()
    {
        var advance = SegmentCursor.Initial.Advance(Stream.Window(40, 6), new SegmentCursorOptions { Start = CursorStartPosition.FirstInWindow });

        Sequences(advance).Should().Equal(40, 41, 42, 43, 44, 45);
        advance.SkippedAtStart.Should().Be(0);
    }

    [Fact]
    public void New_cursor_uses_the_servers_hold_back_and_handles_short_windows()
    {
        var withHoldBack = Stream with { ExtraHeader = "#EXT-X-SERVER-CONTROL:HOLD-BACK=10\n" };

        Sequences(SegmentCursor.Initial.Advance(withHoldBack.Window(0, 10))).Should().Equal(5, 6, 7, 8, 9);
        Sequences(SegmentCursor.Initial.Advance(withHoldBack.Window(0, 10), new SegmentCursorOptions { UseServerHoldBack = false }))
            .Should().Equal(7, 8, 9);
        Sequences(SegmentCursor.Initial.Advance(Stream.Window(0, 2))).Should().Equal(0, 1);
    }

    [Fact]
    public void Sliding_window_hands_every_segment_once_in_order()
    {
        var cursor = SegmentCursor.Initial;
        var handed = new List<long>();
        foreach (var (first, count) in new[] { (0L, 6), (0L, 6), (1L, 6), (2L, 6), (4L, 6), (4L, 7), (5L, 6) })
        {
            var advance = cursor.Advance(Stream.Window(first, count));
            advance.Gap.Should().BeNull();
            advance.Restart.Should().BeNull();
            handed.AddRange(Sequences(advance));
            cursor = advance.Next;
        }

        handed.Should().Equal(3, 4, 5, 6, 7, 8, 9, 10);
        cursor.Recent.Select(r => r.Sequence).Should().Equal(3, 4, 5, 6, 7, 8, 9, 10);
    }

    [Fact]
    public void An_unchanged_playlist_hands_nothing_and_keeps_the_cursor()
    {
        var first = SegmentCursor.Initial.Advance(Stream.Window(0, 6));

        var again = first.Next.Advance(Stream.Window(0, 6));

        again.Segments.Should().BeEmpty();
        again.Next.Should().BeSameAs(first.Next);
        again.Stale.Should().BeFalse();
        SegmentCursor.Initial.Advance(Stream.Window(0, 0)).Next.Should().BeSameAs(SegmentCursor.Initial);
    }

    [Fact]
    public void A_lagging_cache_serving_an_older_playlist_is_stale_not_a_restart()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(0, 10), FirstInWindow).Next;

        var stale = cursor.Advance(Stream.Window(0, 8));

        stale.Stale.Should().BeTrue();
        stale.Restart.Should().BeNull();
        stale.Segments.Should().BeEmpty();
        stale.Next.Should().BeSameAs(cursor);
        Sequences(cursor.Advance(Stream.Window(2, 9))).Should().Equal(10);
    }

    [Fact]
    public void Segments_that_left_the_window_unseen_are_reported_as_a_gap()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(0, 10), FirstInWindow).Next;

        var advance = cursor.Advance(Stream.Window(15, 6));

        advance.Gap.Should().Be(new SegmentGap(10, 14));
        advance.Gap!.Count.Should().Be(5);
        advance.Restart.Should().BeNull();
        Sequences(advance).Should().Equal(15, 16, 17, 18, 19, 20);
    }

    [Fact]
    public void Sequence_numbers_going_back_with_new_names_is_a_restart_into_a_new_epoch()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(95, 6), FirstInWindow).Next;
        var restarted = Stream with { Prefix = "fresh", Start = Stream.Start!.Value.AddHours(1) };

        var advance = cursor.Advance(restarted.Window(0, 4));

        advance.Restart.Should().NotBeNull();
        advance.Restart!.PreviousEpoch.Should().Be(0);
        advance.Restart.Epoch.Should().Be(1);
        advance.Restart.Reason.Should().Contain("went back from 100 to 3");
        Sequences(advance).Should().Equal(0, 1, 2, 3);
        advance.Segments.Should().OnlyContain(s => s.Epoch == 1);
        advance.Gap.Should().BeNull();
        advance.Next.Epoch.Should().Be(1);
        advance.Next.Recent.Select(r => r.Sequence).Should().Equal(0, 1, 2, 3);

        var next = advance.Next.Advance(restarted.Window(1, 4));
        next.Restart.Should().BeNull();
        Sequences(next).Should().Equal(4);
        next.Segments.Single().Epoch.Should().Be(1);
    }

    [Fact]
    public void A_remembered_sequence_number_naming_another_uri_is_a_restart()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(0, 10), FirstInWindow).Next;

        var advance = cursor.Advance((Stream with { Prefix = "other" }).Window(8, 5));

        advance.Restart!.Reason.Should().Contain("media sequence 8 named https://cdn.example.com/live/720p/seg8.ts and now names https://cdn.example.com/live/720p/other8.ts");
        Sequences(advance).Should().Equal(8, 9, 10, 11, 12);
        advance.Segments.Should().OnlyContain(s => s.Epoch == 1);
    }

    [Fact]
    public void Rotating_query_tokens_are_the_same_segment_unless_the_whole_uri_is_the_identity()
    {
        var cursor = SegmentCursor.Initial.Advance((Stream with { Token = "a" }).Window(0, 10), FirstInWindow).Next;
        var rotated = (Stream with { Token = "b" }).Window(1, 10);

        var byPath = cursor.Advance(rotated);
        var byFullUri = cursor.Advance(rotated, new SegmentCursorOptions { Identity = SegmentIdentity.FullUri });

        byPath.Restart.Should().BeNull();
        Sequences(byPath).Should().Equal(10);
        byFullUri.Restart.Should().NotBeNull();
    }

    [Fact]
    public void Switching_to_another_variant_continues_by_sequence_number()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(0, 10), FirstInWindow).Next;
        var otherVariant = (Stream with { Prefix = "480p/seg" }).Window(5, 7);

        var naive = cursor.Advance(otherVariant);
        var switched = cursor.ForVariantSwitch().Advance(otherVariant);

        naive.Restart.Should().NotBeNull("without being told, new names for remembered numbers look like a restart");
        switched.Restart.Should().BeNull();
        Sequences(switched).Should().Equal(10, 11);
        switched.Next.Epoch.Should().Be(0);
    }

    [Fact]
    public void The_cursor_round_trips_through_web_style_json()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(0, 10)).Next;
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(cursor, web);
        var back = JsonSerializer.Deserialize<SegmentCursor>(json, web)!;

        json.Should().Contain("\"lastSequence\":9").And.NotContain("lastUri");
        back.Should().BeEquivalentTo(cursor);
        back.Advance(Stream.Window(1, 10)).Segments.Select(s => s.MediaSequence).Should().Equal(10);
    }

    [Fact]
    public void A_remembered_segment_moving_in_program_time_is_a_restart()
    {
        var cursor = SegmentCursor.Initial.Advance(Stream.Window(0, 10), FirstInWindow).Next;
        cursor.ProgramDateTimeAnchor.Should().Be(new ProgramDateTimeAnchor(9, Stream.Start!.Value.AddSeconds(18)));

        var shifted = cursor.Advance((Stream with { Start = Stream.Start.Value.AddMinutes(5) }).Window(5, 6));
        var jittered = cursor.Advance((Stream with { Start = Stream.Start.Value.AddMilliseconds(400) }).Window(5, 6));

        shifted.Restart!.Reason.Should().Contain("moved in time");
        jittered.Restart.Should().BeNull("within the tolerance of one target duration");
        Sequences(jittered).Should().Equal(10);
    }

    [Fact]
    public void Discontinuities_are_flagged_including_ones_that_scrolled_out_in_a_gap()
    {
        var stream = Stream with { DiscontinuitiesAt = new HashSet<long> { 12, 17 } };
        var cursor = SegmentCursor.Initial.Advance(stream.Window(5, 5), FirstInWindow).Next;

        var seen = cursor.Advance(stream.Window(8, 6));
        var afterGap = seen.Next.Advance(stream.Window(18, 3));

        Sequences(seen).Should().Equal(10, 11, 12, 13);
        seen.Discontinuities.Should().Equal(12);
        seen.Segments.Select(s => s.DiscontinuitySequence).Should().Equal(0, 0, 1, 1);
        seen.Next.DiscontinuitySequence.Should().Be(1);
        afterGap.Gap.Should().Be(new SegmentGap(14, 17));
        afterGap.Segments[0].StartsDiscontinuity.Should().BeTrue("segment 17's discontinuity left the window unseen");
        afterGap.Segments[0].DiscontinuitySequence.Should().Be(2);
        afterGap.Discontinuities.Should().Equal(18);
    }

    [Fact]
    public void A_persisted_and_restored_cursor_continues_without_skipping_or_repeating()
    {
        var windows = new[] { (0L, 6), (1L, 6), (3L, 6), (3L, 6), (4L, 7), (9L, 6), (30L, 6), (31L, 6) };
        var live = SegmentCursor.Initial;
        var persisted = JsonSerializer.Serialize(SegmentCursor.Initial);
        var fromLive = new List<(long, int)>();
        var fromRestored = new List<(long, int)>();
        var gaps = new List<SegmentGap>();
        foreach (var (first, count) in windows)
        {
            var playlist = Stream.Window(first, count);
            var a = live.Advance(playlist);
            fromLive.AddRange(a.Segments.Select(s => (s.MediaSequence, s.Epoch)));
            live = a.Next;

            // A new process each time: only the JSON survives.
            var restored = JsonSerializer.Deserialize<SegmentCursor>(persisted)!;
            var b = restored.Advance(playlist);
            fromRestored.AddRange(b.Segments.Select(s => (s.MediaSequence, s.Epoch)));
            if (b.Gap is not null)
            {
                gaps.Add(b.Gap);
            }

            persisted = JsonSerializer.Serialize(b.Next);
            output.WriteLine(persisted);
        }

        fromRestored.Should().Equal(fromLive);
        fromRestored.Select(s => s.Item1).Should().Equal(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30, 31, 32, 33, 34, 35, 36);
        gaps.Should().Equal(new SegmentGap(15, 29));
        JsonSerializer.Deserialize<SegmentCursor>(persisted).Should().BeEquivalentTo(live);
    }

    [Fact]
    public void Random_reloads_with_lag_pauses_restarts_and_persistence_keep_the_invariants()
    {
        var seed = Environment.GetEnvironmentVariable("GLANCE_CURSOR_SEED") is { } text ? int.Parse(text) : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set GLANCE_CURSOR_SEED to replay)");
        var random = new Random(seed);
        var stream = Stream with { DiscontinuitiesAt = Enumerable.Range(0, 400).Where(_ => random.Next(15) == 0).Select(i => (long)i).ToHashSet() };
        long head = 10;
        var cursor = SegmentCursor.Initial;
        var accounted = new List<long>();
        for (var step = 0; step < 300; step++)
        {
            head += random.Next(10) switch
            {
                < 5 => random.Next(0, 2),
                < 9 => random.Next(2, 4),
                _ => random.Next(4, 15),
            };
            var servedHead = random.Next(8) == 0 ? Math.Max(6, head - random.Next(1, 4)) : head;
            var advance = cursor.Advance(stream.Window(servedHead - 6, 6));
            advance.Restart.Should().BeNull($"step {step} (seed {seed}) must not look like a restart");
            if (advance.Gap is { } gap)
            {
                accounted.AddRange(Enumerable.Range(0, (int)gap.Count).Select(i => gap.FirstMissing + i));
            }

            accounted.AddRange(Sequences(advance));
            cursor = random.Next(3) == 0 ? JsonSerializer.Deserialize<SegmentCursor>(JsonSerializer.Serialize(advance.Next))! : advance.Next;
        }

        accounted.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        accounted.Should().Equal(Enumerable.Range((int)accounted[0], accounted.Count).Select(i => (long)i), "handed plus gaps leave no hole");
        accounted[^1].Should().Be(cursor.LastSequence);
    }

    private static readonly SegmentCursorOptions FirstInWindow = new() { Start = CursorStartPosition.FirstInWindow };

    private static IEnumerable<long> Sequences(CursorAdvance advance) => advance.Segments.Select(s => s.MediaSequence);
}
