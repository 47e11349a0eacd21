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

        next.Should().Be(T0.AddSeconds(42) + AvailabilityClock.Margin, "the next segment ends (and appears) at 42 s");
    }

    [Fact]
    public void A_late_phase_is_corrected_by_skipping_one_cycle()
    {
        // Found 3 s after it appeared: the RFC lets us load no earlier than 39 + 6 = 45 s, 3 s after the next segment.
        var next = new AvailabilityClock().NextLoad(Playlist(), T0.AddSeconds(45));

        next.Should().Be(T0.AddSeconds(48) + AvailabilityClock.Margin, "waiting past the next segment lands right after the one after it");
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
        raised.Lag.Should().BeCloseTo(TimeSpan.FromSeconds(1) + AvailabilityClock.Margin, TimeSpan.FromMilliseconds(1), "at 43 s the segment due at 42 s was not there yet");
        raised.Observe(playlist, T0.AddSeconds(37), foundNew: true).Lag.Should().BeCloseTo(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1), "found 1 s after its end");
    }

    [Fact]
    public void Implausible_observations_teach_nothing()
    {
        var playlist = Playlist();

        new AvailabilityClock().Observe(playlist, T0.AddSeconds(500), foundNew: true).Lag.Should().Be(TimeSpan.Zero);
        new AvailabilityClock().Observe(playlist, T0.AddSeconds(30), foundNew: true).Lag.Should().Be(TimeSpan.Zero);
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
