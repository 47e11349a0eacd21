using Glance.Media.Transport;
using Glance.Media.Transport.Checks;
using static Glance.Tests.Transport.Checks.CheckFamilyHarness;

namespace Glance.Tests.Transport.Checks;

/// <summary>The timer-driven families alone: 1.3a and 1.5a (program tables), 1.6 and 2.5 (elementary timing), on clock ticks.</summary>
public sealed class TimingFamiliesTests
{
    [Fact]
    public void An_occurrence_between_two_PCRs_gets_its_interpolated_time()
    {
        var last = new TimedEvent();
        last.Set(0, 1_000);
        var tick = new ClockTick(FromClock: 0, FromPosition: 0, Step: Ms(400), Span: 4_000, Now: Ms(400), Position: 4_000);

        tick.Overdue(ref last, Ms(500)).Should().BeFalse();
        last.Clock.Should().Be(Ms(100), "a quarter of the way through the bytes is a quarter of the way through the step");
    }

    [Fact]
    public void A_missing_PAT_is_counted_once_per_full_interval()
    {
        var context = Context();
        var tables = new ProgramTableCheck(context, new ProgramMap(context));

        foreach (var ms in new[] { 400, 800, 1200, 1600 })
        {
            tables.OnTick(new ClockTick(Ms(ms - 400), ms - 400, Ms(400), 400, Ms(ms), ms));
        }

        context.Errors(TransportCheck.Pat).Should().Be(2, "500 ms intervals: overdue at 800 ms, then again at 1600 ms");
    }

    [Fact]
    public void A_PAT_with_a_bad_CRC_is_a_CRC_error_and_does_not_count_as_present()
    {
        var context = Context();
        var map = new ProgramMap(context);
        var tables = new ProgramTableCheck(context, map);
        context.Pids.AddRoles(0, PidRoles.Pat);

        tables.OnSection(context.Pids.SlotOf(0), PatSection(0x1000, breakCrc: true));
        context.Errors(TransportCheck.Crc).Should().Be(1);
        context.Pids.SlotOf(0x1000).Should().Be(-1, "a table that failed its CRC teaches nothing");

        tables.OnSection(context.Pids.SlotOf(0), PatSection(0x1000));
        context.Pids[context.Pids.SlotOf(0x1000)].Roles.Should().HaveFlag(PidRoles.Pmt);
        context.Errors(TransportCheck.Crc).Should().Be(1);
    }

    [Fact]
    public void Another_table_on_PID_0_and_a_scrambled_PMT_are_errors()
    {
        var context = Context();
        var tables = new ProgramTableCheck(context, new ProgramMap(context));
        context.Pids.AddRoles(0, PidRoles.Pat);
        var notPat = PatSection(0x1000);
        notPat[0] = 0x02;

        tables.OnSection(context.Pids.SlotOf(0), notPat);
        tables.OnScrambled(PidRoles.Pmt);

        context.Errors(TransportCheck.Pat).Should().Be(1);
        context.Errors(TransportCheck.Pmt).Should().Be(1);
    }

    [Fact]
    public void Video_and_audio_PIDs_must_occur_and_carry_PTS_but_other_PIDs_need_not()
    {
        var context = Context();
        var timing = new ElementaryTimingCheck(context);
        var audio = new PidState { Pid = 0x101, Roles = PidRoles.Elementary | PidRoles.Pes | PidRoles.AudioVideo, HasPts = true };
        var data = new PidState { Pid = 0x102, Roles = PidRoles.Elementary | PidRoles.Pes };

        var tick = new ClockTick(0, 0, Ms(800), 800, Ms(800), 800);
        timing.OnTick(ref audio, tick);
        timing.OnTick(ref data, tick);

        context.Errors(TransportCheck.Pid).Should().Be(1);
        context.Errors(TransportCheck.Pts).Should().Be(1);
    }
}
