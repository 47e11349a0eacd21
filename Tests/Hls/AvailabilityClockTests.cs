using Glance.Media.Hls;

namespace Glance.Tests.Hls;

public sealed class AvailabilityClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_program_date_time_it_keeps_the_rfc_minimum()
    {
        var playlist = Playlist(withDates: false);
        var clock = new AvailabilityClock().Observe(playlist, T0.AddSeconds(40));

        clock.NextLoad(playlist, T0.AddSeconds(46)).Should().Be(T0.AddSeconds(46));
    }

    [Fact]
    public void It_moves_a_late_phase_to_just_after_the_next_segment()
    {
        // Newest segment ends at 36 s (by date-time) and was found at 36.3 s: publishing takes 0.3 s.
        var playlist = Playlist();
        var clock = new AvailabilityClock().Observe(playlist, T0.AddSeconds(36.3));

        // The RFC allows 36.3 + 6 = 42.3; the next segment is due at 42 + 0.3 lag + margin.
        clock.NextLoad(playlist, T0.AddSeconds(42.3)).Should().Be(T0.AddSeconds(42.3) + AvailabilityClock.Margin);
    }

    [Fact]
    public void It_never_loads_earlier_than_the_rfc_minimum()
    {
        var playlist = Playlist();
        var clock = new AvailabilityClock().Observe(playlist, T0.AddSeconds(36.1));

        clock.NextLoad(playlist, T0.AddSeconds(44)).Should().Be(T0.AddSeconds(44));
    }

    [Fact]
    public void The_lag_is_the_least_observed_and_slowly_gives_way_when_publishing_gets_slower()
    {
        var playlist = Playlist();
        var clock = new AvailabilityClock()
            .Observe(playlist, T0.AddSeconds(38))   // found 2 s after the segment ended: our phase, not the lag
            .Observe(playlist, T0.AddSeconds(36.2)); // found 0.2 s after: closer to the real lag

        clock.Lag.Should().Be(TimeSpan.FromSeconds(0.2));
        clock.Observe(playlist, T0.AddSeconds(37)).Lag.Should().Be(TimeSpan.FromSeconds(0.2) + AvailabilityClock.Drift);
    }

    [Fact]
    public void Implausible_lags_teach_nothing()
    {
        var playlist = Playlist();

        new AvailabilityClock().Observe(playlist, T0.AddSeconds(500)).Lag.Should().BeNull("a lag of minutes is clock skew or a stalled origin");
        new AvailabilityClock().Observe(playlist, T0.AddSeconds(30)).Lag.Should().BeNull("a segment cannot be found before it ends");
    }

    [Fact]
    public void A_prediction_more_than_a_target_duration_past_the_minimum_is_distrusted()
    {
        var playlist = Playlist();
        var clock = new AvailabilityClock(TimeSpan.FromSeconds(20));

        clock.NextLoad(playlist, T0.AddSeconds(40)).Should().Be(T0.AddSeconds(40));
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
