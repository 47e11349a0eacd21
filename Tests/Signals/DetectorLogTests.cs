using Glance.Media.Signals;

namespace Glance.Tests.Signals;

/// <summary>Parsing of lines as ffmpeg 5.1 prints them.</summary>
public sealed class DetectorLogTests
{
    [Fact]
    public void Reads_intervals_and_loudness_from_detector_output()
    {
        var log = new DetectorLog();
        string[] lines =
        [
            "[freezedetect @ 0x55f50ce91f00] lavfi.freezedetect.freeze_start: 3",
            "[silencedetect @ 0x55f50ce39a80] silence_start: 4.02231",
            "[Parsed_ebur128_5 @ 0x562fafaf5380] t: 3.09998    TARGET:-23 LUFS    M: -21.8 S: -21.9     I: -21.8 LUFS       LRA:   0.0 LU  FTPK: -17.9 dBFS  TPK: -17.7 dBFS",
            "[Parsed_ebur128_5 @ 0x562fafaf5380] t: 3.19998    TARGET:-23 LUFS    M: -21.8 S:-120.7     I: -21.8 LUFS       LRA:   0.0 LU  FTPK: -17.9 dBFS  TPK: -17.7 dBFS",
            "[blackdetect @ 0x55f50ce91800] black_start:3 black_end:6 black_duration:3",
            "[freezedetect @ 0x55f50ce91f00] lavfi.freezedetect.freeze_duration: 3",
            "[freezedetect @ 0x55f50ce91f00] lavfi.freezedetect.freeze_end: 6",
            "[silencedetect @ 0x55f50ce39a80] silence_end: 6.52129 | silence_duration: 2.49898",
            "[freezedetect @ 0x55f50ce91f00] lavfi.freezedetect.freeze_start: 6",
            "[Parsed_ebur128_9 @ 0x55efd0866900] Summary:",
            "  Integrated loudness:",
            "    I:         -21.9 LUFS",
            "    Threshold: -32.3 LUFS",
            "  Loudness range:",
            "    LRA:        12.0 LU",
            "  True peak:",
            "    Peak:      -16.1 dBFS",
            "[blackdetect @ 0x55f50ce91800] black_start:10.5 black_end:11.9667 black_duration:1.46667",
        ];

        lines.Should().AllSatisfy(line => log.TryConsume(line).Should().BeTrue(line));

        log.Black.Should().Equal((3, 6), (10.5, 11.9667));
        log.Freeze.Should().Equal((3, 6), (6, null));
        log.Silence.Should().Equal((4.02231, 6.52129));
        log.ShortTermMax.Should().Be(-21.9);
        log.Integrated.Should().Be(-21.9);
        log.TruePeak.Should().Be(-16.1);
    }

    [Fact]
    public void Silence_below_the_gate_reads_as_no_measurement()
    {
        var log = new DetectorLog();

        foreach (var line in new[] { "[Parsed_ebur128_1 @ 0x1] Summary:", "  Integrated loudness:", "    I:         -70.0 LUFS", "  True peak:", "    Peak:       -inf dBFS" })
        {
            log.TryConsume(line);
        }

        log.Integrated.Should().BeNull();
        log.TruePeak.Should().BeNull();
        log.LoudnessMeasured.Should().BeTrue();
    }

    [Fact]
    public void Other_lines_are_left_alone()
    {
        var log = new DetectorLog();

        log.TryConsume("[h264 @ 0x1] non-existing PPS 0 referenced").Should().BeFalse();
        log.TryConsume("frame=  195 fps=0.0 q=-0.0 size=N/A").Should().BeFalse();
    }

    [Fact]
    public void A_black_stretch_is_not_also_a_freeze()
    {
        List<SignalInterval> freeze = [new(0, 5), new(8, 9)];
        List<SignalInterval> black = [new(1, 2.5), new(7.5, 8.5)];

        var result = SignalIntervals.Subtract(freeze, black, minDuration: 1);

        result.Should().Equal(new SignalInterval(0, 1), new SignalInterval(2.5, 5));
    }
}
