using Glance.Media.Analysis;
using Glance.Media.Signals;

namespace Glance.Tests.Frames;

public sealed class SegmentRunPlanTests
{
    [Fact]
    public void The_keyframe_run_decodes_keyframes_only_lists_packets_and_ignores_audio()
    {
        var arguments = new SegmentRunPlan { KeyframesOnly = true, SelectExpression = "1", Loudness = true }.BuildArguments();

        arguments.Should().ContainInOrder("-skip_frame:v", "nokey").And.Contain("-debug_ts").And.Contain("-an");
        arguments.Should().ContainInOrder("-map", "[frames]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1");
        string.Join(' ', arguments).Should().NotContain("ebur128");
    }

    [Fact]
    public void The_signal_run_fans_one_decode_out_to_every_check()
    {
        var plan = new SegmentRunPlan
        {
            SelectExpression = "1",
            ListAllFrames = true,
            Black = new BlackOptions(),
            Freeze = new FreezeOptions(),
            Silence = new SilenceOptions(),
            Loudness = true,
            SkipBFrames = true,
        };

        var arguments = plan.BuildArguments();
        var graph = arguments[arguments.ToList().IndexOf("-filter_complex") + 1];

        graph.Should().StartWith("[0:v:0]settb=1/90000,split=2[vgrid][vdet]");
        graph.Should().Contain("blackdetect=d=2:pic_th=0.98:pix_th=0.1").And.Contain("freezedetect=n=-60dB:d=2");
        graph.Should().Contain("silencedetect=n=-60dB:d=1").And.Contain("ebur128=peak=true").And.Contain("ashowinfo@afirst");
        arguments.Should().NotContain("bidir", "the run delivers sampled frames, which must come from a full decode");
        arguments.Should().NotContain("-an");
    }

    [Fact]
    public void Without_samples_to_deliver_the_signal_run_skips_b_frames()
    {
        var arguments = new SegmentRunPlan { ListAllFrames = true, Black = new BlackOptions(), SkipBFrames = true }.BuildArguments();

        arguments.Should().ContainInOrder("-skip_frame:v", "bidir");
        arguments.Should().NotContain("pipe:1");
        arguments.Should().ContainInOrder("-map", "[vsig]", "-fps_mode", "passthrough", "-f", "null", "-");
    }
}
