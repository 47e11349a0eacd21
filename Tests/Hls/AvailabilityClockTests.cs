using Glance.Media.Hls;

namespace Glance.Tests.Hls;

public sealed class AvailabilityClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_program_date_time_it_keeps_the_rfc_minimum()
    {
        var playlist = Playlist(withDates: false);

        new AvailabilityClock().NextLoad(playlist, T0.AddSeconds(46)).Should().Be(T0.AddSeconds(46));
    }

    [Fact]
    public void It_waits_for_the_next_segment_when_the_minimum_comes_before_it()
    {
        // The newest segment ends at 36 s; after an unchanged load the RFC allows a reload at 39 s.
        var next = new AvailabilityClock().NextLoad(Playlist(), T0.AddSeconds(39));

        next.Should().Be(T0.AddSeconds(42) + AvailabilityClock.InitialLag + AvailabilityClock.Margin, "the next segment ends at 42 s and is assumed listed a little after");
    }

    [Fact]
    public void A_late_phase_is_corrected_by_skipping_one_cycle()
    {
        // Found 3 s after it appeared: the RFC lets us load no earlier than 39 + 6 = 45 s, 3 s after the next segment.
        var next = new AvailabilityClock().NextLoad(Playlist(), T0.AddSeconds(45));

        next.Should().Be(T0.AddSeconds(48) + AvailabilityClock.InitialLag + AvailabilityClock.Margin, "waiting past the next segment lands right after the one after it");
    }

    [Fact]
    public void A_slightly_late_phase_is_kept()
    {
        var earliest = T0.AddSeconds(42.5);

        new AvailabilityClock().NextLoad(Playlist(), earliest).Should().Be(earliest);
    }

    [Fact]
    public void It_never_loads_before_the_rfc_minimum()
    {
        foreach (var earliest in new[] { 38.0, 41.0, 42.2, 44.0, 47.9 })
        {
            new AvailabilityClock(TimeSpan.FromSeconds(0.4)).NextLoad(Playlist(), T0.AddSeconds(earliest)).Should().BeOnOrAfter(T0.AddSeconds(earliest));
        }
    }

    [Fact]
    public void Early_finds_lower_the_lag_and_loads_that_came_too_soon_raise_it()
    {
        var playlist = Playlist();
        var clock = new AvailabilityClock(TimeSpan.FromSeconds(2)).Observe(playlist, T0.AddSeconds(36.3), foundNew: true);
        clock.Lag.Should().BeCloseTo(TimeSpan.FromSeconds(0.3), TimeSpan.FromMilliseconds(1));

        var raised = clock.Observe(playlist, T0.AddSeconds(43), foundNew: false);
        raised.Lag.Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1), "at 43 s the segment due at 42 s was not there yet");
        raised.NextLoad(playlist, T0.AddSeconds(46)).Should().Be(T0.AddSeconds(49) + AvailabilityClock.Margin, "the margin is added once, to the bound");
        raised.Observe(playlist, T0.AddSeconds(37), foundNew: true).Lag.Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1), "found 1 s after its end");
    }

    [Fact]
    public void Implausible_observations_teach_nothing()
    {
        var playlist = Playlist();

        new AvailabilityClock().Observe(playlist, T0.AddSeconds(500), foundNew: true).Lag.Should().Be(AvailabilityClock.InitialLag);
        new AvailabilityClock().Observe(playlist, T0.AddSeconds(30), foundNew: true).Lag.Should().Be(AvailabilityClock.InitialLag);
    }

    [Theory]
    [InlineData(0.35, 0.0)]
    [InlineData(0.35, 2.9)]
    [InlineData(1.2, 5.2)]
    [InlineData(0.05, 0.6)]
    public void A_poller_following_the_clock_finds_each_segment_soon_after_it_appears_and_stays_there(double publishLag, double firstLoad)
    {
        // Once settled, every segment must be found within the margin plus the publishing jitter, for hours; an origin
        // quicker than the assumed initial lag is found that much later still (the clock never probes below it).
        var lateness = Poll(publishLag, firstLoad, jitter: 0.04, stallAtLoad: null);

        var quickerThanAssumed = TimeSpan.FromSeconds(Math.Max(0, AvailabilityClock.InitialLag.TotalSeconds - publishLag));
        var settled = lateness.Where(l => l.Segment > 20).Select(l => l.Late).ToList();
        settled.Should().OnlyContain(
            late => late <= AvailabilityClock.Margin + quickerThanAssumed + TimeSpan.FromMilliseconds(100),
            "after settling each segment is found within the margin and the publishing jitter (worst: {0})",
            settled.Max());
    }

    [Fact]
    public void After_a_stalled_load_it_realigns_once_and_then_loads_one_margin_after_the_publishing_lag()
    {
        // The demo channel's shape: ffmpeg lists a segment ~0.17 s after its end, the first loads happen to fall just
        // after that, and one load starts 0.6 s late (a busy thread pool). The skip that realigns the phase costs one
        // segment a cycle; the load it lands on may come a little too soon for the newest segment, and what that load
        // teaches must leave later loads one margin after the publishing, not two.
        var lateness = Poll(publishLag: 0.17, firstLoad: 0.19, jitter: 0.01, stallAtLoad: 30);

        lateness.Count(l => l.Late > TimeSpan.FromSeconds(3)).Should().BeLessThanOrEqualTo(1, "one skipped cycle realigns the phase");
        var settled = lateness.Where(l => l.Segment > 40).Select(l => l.Late).ToList();
        settled.Should().OnlyContain(
            late => late <= AvailabilityClock.Margin + TimeSpan.FromMilliseconds(20),
            "after the realignment each segment is found within the margin and the jitter (worst: {0})",
            settled.Max());
    }

    [Fact]
    public void An_origin_whose_listings_wander_like_the_demo_channels_costs_no_segment_a_cycle()
    {
        // The demo channel lists a segment 0.15-0.3 s after its end. Its first load fell 1.86 s after an end; the skip
        // that realigned it costs segment 2 a cycle whatever the clock assumes. Assuming no lag, the skip landed one
        // margin past an end, before segment 3's listing, and cost that one a cycle too.
        var lateness = Poll(publishLag: 0.225, firstLoad: 1.86, jitter: 0.15, stallAtLoad: null).Where(l => l.Segment > 2).ToList();

        lateness.Should().OnlyContain(l => l.Late < TimeSpan.FromSeconds(1), "no load comes before its segment's listing (worst: {0})", lateness.Max(l => l.Late));
    }

    /// <summary>
    /// An origin lists segment k (6k to 6k + 6 s) at 6k + 6 s + <paramref name="publishLag"/> (+- half the jitter); the
    /// poller obeys the RFC minimum and the clock, and the load numbered <paramref name="stallAtLoad"/> starts 0.6 s
    /// late. Returns how long after its listing each segment was found.
    /// </summary>
    private static List<(int Segment, TimeSpan Late)> Poll(double publishLag, double firstLoad, double jitter, int? stallAtLoad)
    {
        var random = new Random(7);
        var published = new List<DateTimeOffset>();
        DateTimeOffset PublishedAt(int k)
        {
            while (published.Count <= k)
            {
                published.Add(T0.AddSeconds((6 * (published.Count + 1)) + publishLag + ((random.NextDouble() - 0.5) * jitter)));
            }

            return published[k];
        }

        var clock = new AvailabilityClock();
        var load = T0.AddSeconds(12 + firstLoad);
        var newestSeen = -1;
        var lateness = new List<(int Segment, TimeSpan Late)>();
        for (var loads = 0; loads < 2000 && newestSeen < 1200; loads++)
        {
            var newest = -1;
            while (PublishedAt(newest + 1) <= load)
            {
                newest++;
            }

            var playlist = Window(newest);
            var foundNew = newest > newestSeen;
            for (var k = newestSeen + 1; k <= newest && newestSeen >= 0; k++)
            {
                lateness.Add((k, load - PublishedAt(k)));
            }

            newestSeen = Math.Max(newestSeen, newest);
            clock = clock.Observe(playlist, load, foundNew);
            var earliest = load + TimeSpan.FromSeconds(foundNew ? 6 : 3);
            var next = clock.NextLoad(playlist, earliest);
            next.Should().BeOnOrAfter(earliest);
            load = loads + 1 == stallAtLoad ? next.AddSeconds(0.6) : next;
        }

        newestSeen.Should().BeGreaterThanOrEqualTo(1200, "the poller keeps up with the origin");
        return lateness;
    }

    /// <summary>The live window of six 6 s segments dated from T0 whose newest is segment <paramref name="newest"/>.</summary>
    private static MediaPlaylist Window(int newest)
    {
        var first = Math.Max(0, newest - 5);
        var text = $"#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:{first}\n"
            + $"#EXT-X-PROGRAM-DATE-TIME:{T0.AddSeconds(6 * first):yyyy-MM-ddTHH:mm:ss.fffZ}\n"
            + string.Concat(Enumerable.Range(first, newest - first + 1).Select(i => $"#EXTINF:6.0,\ns{i}.ts\n"));
        return PlaylistParser.ParseMedia(text, new Uri("http://origin.example/live.m3u8"));
    }

    /// <summary>Six 6 s segments dated from T0: the newest starts at 30 s and ends at 36 s.</summary>
    private static MediaPlaylist Playlist(bool withDates = true)
    {
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:0\n"
            + (withDates ? $"#EXT-X-PROGRAM-DATE-TIME:{T0:yyyy-MM-ddTHH:mm:ss.fffZ}\n" : string.Empty)
            + string.Concat(Enumerable.Range(0, 6).Select(i => $"#EXTINF:6.0,\ns{i}.ts\n"));
        return PlaylistParser.ParseMedia(text, new Uri("http://origin.example/live.m3u8"));
    }
}
