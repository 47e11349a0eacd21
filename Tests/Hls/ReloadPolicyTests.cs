using Glance.Media.Hls;

namespace Glance.Tests.Hls;

public sealed class ReloadPolicyTests
{
    private static readonly DateTimeOffset LoadStart = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Six = TimeSpan.FromSeconds(6);

    [Fact]
    public void After_a_change_waits_one_target_duration_from_the_start_of_the_previous_load()
    {
        ReloadPolicy.NextLoad(LoadStart, changed: true, Six, now: LoadStart.AddSeconds(0.4)).Should().Be(LoadStart.AddSeconds(6));
    }

    [Fact]
    public void After_no_change_waits_half_a_target_duration()
    {
        ReloadPolicy.NextLoad(LoadStart, changed: false, Six, now: LoadStart.AddSeconds(0.4)).Should().Be(LoadStart.AddSeconds(3));
    }

    [Fact]
    public void A_slow_load_that_overran_the_wait_reloads_at_once()
    {
        var now = LoadStart.AddSeconds(7);

        ReloadPolicy.NextLoad(LoadStart, changed: true, Six, now).Should().Be(now);
    }

    [Fact]
    public void Ended_playlists_are_not_reloaded()
    {
        ReloadPolicy.NextLoad(LoadStart, changed: true, Six, LoadStart, endList: true).Should().BeNull();
        var ended = PlaylistParser.ParseMedia("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-ENDLIST\n", HlsTestPlaylists.Base);
        ReloadPolicy.NextLoad(ended, LoadStart, changed: true, LoadStart).Should().BeNull();
    }

    [Fact]
    public void A_zero_target_duration_cannot_make_a_tight_loop()
    {
        ReloadPolicy.NextLoad(LoadStart, changed: false, TimeSpan.Zero, LoadStart).Should().Be(LoadStart.AddMilliseconds(500));
    }

    [Fact]
    public void The_playlist_overload_reads_the_target_duration()
    {
        var live = new FakeLiveStream { TargetDuration = 4, Duration = 4 }.Window(0, 3);

        ReloadPolicy.NextLoad(live, LoadStart, changed: true, LoadStart).Should().Be(LoadStart.AddSeconds(4));
        ReloadPolicy.NextLoad(live, LoadStart, changed: false, LoadStart).Should().Be(LoadStart.AddSeconds(2));
    }

    [Fact]
    public void Change_is_new_segments_a_moved_window_new_date_ranges_or_the_end()
    {
        var stream = new FakeLiveStream();
        var before = stream.Window(0, 5);

        ReloadPolicy.HasChanged(null, before).Should().BeTrue();
        ReloadPolicy.HasChanged(before, stream.Window(0, 5)).Should().BeFalse();
        ReloadPolicy.HasChanged(before, stream.Window(0, 6)).Should().BeTrue();
        ReloadPolicy.HasChanged(before, stream.Window(1, 5)).Should().BeTrue();
        ReloadPolicy.HasChanged(before, stream.Window(0, 5, endList: true)).Should().BeTrue();
        ReloadPolicy.HasChanged(before, (stream with { ExtraHeader = "#EXT-X-DATERANGE:ID=\"x\"\n" }).Window(0, 5)).Should().BeTrue();
    }

    [Fact]
    public void A_playlist_unchanged_for_more_than_three_target_durations_is_stalled()
    {
        ReloadPolicy.IsStalled(LoadStart, Six, LoadStart.AddSeconds(18)).Should().BeFalse();
        ReloadPolicy.IsStalled(LoadStart, Six, LoadStart.AddSeconds(18.5)).Should().BeTrue();
        ReloadPolicy.IsStalled(LoadStart, Six, LoadStart.AddSeconds(10), new ReloadPolicyOptions { StallTargetDurations = 1.5 }).Should().BeTrue();
    }
}
