using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Glance.Demo.Channel;
using Glance.Media.Processes;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Demo;

/// <summary>Starting, stopping, restarting and giving up, with the real ffmpeg. In the channel collection so two channels never encode at once.</summary>
[Collection(DemoChannelCollection.Name)]
public sealed class DemoChannelLifecycleTests
{
    [Fact]
    public async Task Default_options_make_6_s_segments_with_program_date_time_and_stop_kills_ffmpeg()
    {
        using var folder = new TemporaryDirectory();
        // Everything default but the folder, so the face photo is found the way the service finds it (relative path).
        var channel = new SyntheticChannel(Options.Create(new SyntheticChannelOptions { OutputFolder = folder.Path }), NullLogger<SyntheticChannel>.Instance);
        await using var _ = channel;
        await channel.StartAsync(CancellationToken.None);
        var ffmpeg = channel.ProcessId!.Value;

        var playlist = await channel.WaitForSegmentsAsync(1, TimeSpan.FromSeconds(60), CancellationToken.None);
        await channel.StopAsync(CancellationToken.None);

        playlist.TargetDuration.Should().Be(6);
        var segment = playlist.Segments.Should().ContainSingle().Subject;
        segment.Duration.Should().BeApproximately(6, 0.001);
        segment.ProgramDateTimeTagged.Should().BeTrue();
        channel.ProgrammeAt(segment.ProgramDateTime!.Value)!.Phase.Should().BeLessThan(TimeSpan.FromSeconds(60));
        File.ReadAllText(channel.PlaylistPath).Should().Contain("#EXT-X-INDEPENDENT-SEGMENTS").And.NotContain("#EXT-X-DISCONTINUITY");
        (channel.State, channel.ProcessId).Should().Be((ChannelState.Stopped, (int?)null));
        IsRunning(ffmpeg).Should().BeFalse("stopping kills ffmpeg");
    }

    [Fact]
    public async Task An_ffmpeg_killed_from_outside_is_restarted_and_continues_the_playlist_after_a_discontinuity()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "channel");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "segment99.ts"), "left over");
        File.WriteAllText(Path.Combine(output, "live.m3u8"), "left over");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "not the channel's");
        await using var channel = DemoChannelFixture.Create(output, o => o with { SegmentSeconds = 1, RestartDelay = TimeSpan.FromMilliseconds(200) });
        await channel.StartAsync(CancellationToken.None);
        File.Exists(Path.Combine(output, "segment99.ts")).Should().BeFalse("start cleans the channel's earlier output");
        File.Exists(Path.Combine(output, "notes.txt")).Should().BeTrue("and nothing else");
        await channel.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60), CancellationToken.None);
        var first = channel.ProcessId!.Value;

        using (var process = Process.GetProcessById(first))
        {
            process.Kill();
        }

        await Eventually.TrueAsync(() => channel.Restarts == 1 && channel.ReadPlaylist() is { } p && p.Segments.SkipWhile(s => !s.Discontinuity).Count() >= 2, "a new ffmpeg lists two segments after the join", TimeSpan.FromSeconds(60));
        var playlist = channel.ReadPlaylist()!;
        var second = channel.ProcessId;
        await channel.StopAsync(CancellationToken.None);

        second.Should().NotBeNull().And.NotBe(first);
        playlist.Segments.Select(s => s.MediaSequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (playlist.Segments[^1].MediaSequence - playlist.Segments[0].MediaSequence).Should().Be(playlist.Segments.Count - 1, "numbering continues across the restart");
        playlist.Segments.Count(s => s.Discontinuity).Should().Be(1);
        playlist.Segments.Should().OnlyContain(s => s.Uri.AbsolutePath.EndsWith($"/segment{s.MediaSequence}.ts", StringComparison.Ordinal), "the killed run's segments keep their numbers");
        var resumed = playlist.Segments.First(s => s.Discontinuity);
        resumed.Should().NotBeSameAs(playlist.Segments[0], "the segments of the killed run stay listed before the join");
        resumed.ProgramDateTimeTagged.Should().BeTrue();
        channel.ProgrammeAt(resumed.ProgramDateTime!.Value).Should().NotBeNull("the new run is placed on the programme");
        IsRunning(second!.Value).Should().BeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_channel_started_again_over_its_folder_continues_the_playlist_unless_told_to_start_over(bool continueEarlierOutput)
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "channel");
        long lastOfFirstRun;
        await using (var first = DemoChannelFixture.Create(output, o => o with { SegmentSeconds = 1 }))
        {
            await first.StartAsync(CancellationToken.None);
            lastOfFirstRun = (await first.WaitForSegmentsAsync(2, TimeSpan.FromSeconds(60), CancellationToken.None)).Segments[^1].MediaSequence;
            await first.StopAsync(CancellationToken.None);
            lastOfFirstRun = first.ReadPlaylist()!.Segments[^1].MediaSequence;
        }

        // A new host: a new channel object over the same folder.
        await using var second = DemoChannelFixture.Create(output, o => o with { SegmentSeconds = 1, ContinueEarlierOutput = continueEarlierOutput });
        await second.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(
            () => second.ReadPlaylist() is { } p && p.Segments[^1].MediaSequence > (continueEarlierOutput ? lastOfFirstRun + 1 : 1),
            "the second run lists new segments",
            TimeSpan.FromSeconds(60));
        var playlist = second.ReadPlaylist()!;
        await second.StopAsync(CancellationToken.None);

        var sequences = playlist.Segments.Select(s => s.MediaSequence).ToList();
        sequences.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        playlist.Segments.Should().OnlyContain(s => s.Uri.AbsolutePath.EndsWith($"/segment{s.MediaSequence}.ts", StringComparison.Ordinal), "a segment keeps its number");
        if (continueEarlierOutput)
        {
            sequences.Should().Contain([lastOfFirstRun, lastOfFirstRun + 1], "numbering goes on from the earlier host's last segment");
            playlist.Segments.Single(s => s.Discontinuity).MediaSequence.Should().Be(lastOfFirstRun + 1);
            playlist.Segments.Should().OnlyContain(s => s.ProgramDateTimeTagged);
            var join = playlist.Segments.Single(s => s.Discontinuity);
            var before = playlist.Segments.Single(s => s.MediaSequence == lastOfFirstRun);
            join.ProgramDateTime.Should().BeOnOrAfter(before.ProgramDateTime!.Value, "the earlier host's segments keep their times");
        }
        else
        {
            sequences[0].Should().Be(0, "told to start over, the channel begins a new playlist");
            playlist.Segments.Should().NotContain(s => s.Discontinuity);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_ffmpeg_that_keeps_failing_is_restarted_a_bounded_number_of_times_then_the_channel_fails_clearly()
    {
        using var folder = new TemporaryDirectory();
        // Renders the still pictures with the real ffmpeg, but fails every channel run.
        var script = Path.Combine(folder.Path, "failing-ffmpeg");
        File.WriteAllText(script, "#!/bin/sh\ncase \"$*\" in *image2pipe*) exec ffmpeg \"$@\";; esac\necho 'boom: cannot encode' >&2\nexit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var channel = DemoChannelFixture.Create(Path.Combine(folder.Path, "channel"), o => o with
        {
            FfmpegPath = script,
            MaxRestarts = 2,
            RestartDelay = TimeSpan.FromMilliseconds(20),
            MaxRestartDelay = TimeSpan.FromMilliseconds(40),
        });

        await channel.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => channel.State == ChannelState.Failed, "the channel gives up", TimeSpan.FromSeconds(30));
        var wait = async () => await channel.WaitForSegmentsAsync(1, TimeSpan.FromSeconds(5), CancellationToken.None);

        channel.Restarts.Should().Be(2);
        channel.FailureReason.Should().Contain("3 times").And.Contain("exited with code 3").And.Contain("boom: cannot encode");
        (await wait.Should().ThrowAsync<DemoChannelException>()).Which.Message.Should().Contain("boom");
    }

    [Fact]
    public async Task A_missing_face_photo_or_ffmpeg_says_to_run_setup()
    {
        using var folder = new TemporaryDirectory();
        await using var noPhoto = DemoChannelFixture.Create(folder.Path, o => o with { FacePhotoPath = "/nonexistent/sample1.jpg" });
        await using var noFfmpeg = DemoChannelFixture.Create(folder.Path, o => o with { FfmpegPath = "/nonexistent/ffmpeg" });

        var photo = async () => await noPhoto.StartAsync(CancellationToken.None);
        var ffmpeg = async () => await noFfmpeg.StartAsync(CancellationToken.None);

        (await photo.Should().ThrowAsync<DemoChannelException>()).Which.Message.Should().Contain("@vladmandic/face-api").And.Contain("scripts/setup");
        (await ffmpeg.Should().ThrowAsync<ToolNotFoundException>()).Which.Message.Should().Contain("scripts/setup");
        noPhoto.State.Should().Be(ChannelState.Stopped);
    }

    [Fact]
    public async Task An_ffmpeg_left_behind_by_an_earlier_host_in_the_same_folder_is_killed_at_start()
    {
        using var folder = new TemporaryDirectory();
        string[] arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10", "-c:v", "libx264", "-preset", "ultrafast", "-f", "hls", "-hls_segment_options", "pat_period=0.1", "-hls_segment_filename", "segment%d.ts", "live.m3u8"];
        await using var orphan = LongRunningProcess.Start("ffmpeg", arguments, folder.Path);
        StaleEncoder.Record(folder.Path, orphan.Id);
        var elsewhere = Directory.CreateDirectory(Path.Combine(folder.Path, "elsewhere")).FullName;
        await using var unrelated = LongRunningProcess.Start("sleep", ["30"], elsewhere);
        StaleEncoder.Record(elsewhere, unrelated.Id);
        await using var channel = DemoChannelFixture.Create(folder.Path);
        await using var other = DemoChannelFixture.Create(elsewhere);

        await channel.StartAsync(CancellationToken.None);
        var orphanExited = await Task.WhenAny(orphan.Exited, Task.Delay(TimeSpan.FromSeconds(10))) == orphan.Exited;
        await other.StartAsync(CancellationToken.None);
        await channel.StopAsync(CancellationToken.None);
        await other.StopAsync(CancellationToken.None);

        orphanExited.Should().BeTrue();
        unrelated.HasExited.Should().BeFalse("a recorded process that is not an ffmpeg in that folder is left alone");
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && !File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
