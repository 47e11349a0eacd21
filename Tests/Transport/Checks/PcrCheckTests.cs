using Glance.Media.Transport;
using Glance.Media.Transport.Checks;
using static Glance.Tests.Transport.Checks.CheckFamilyHarness;

namespace Glance.Tests.Transport.Checks;

/// <summary>TR 101 290 2.3a and 2.3b alone, on one PID's PCR values.</summary>
public sealed class PcrCheckTests
{
    [Theory]
    [InlineData(20, false, 0, 0)]
    [InlineData(40, false, 0, 0)]
    [InlineData(60, false, 1, 0)]
    [InlineData(150, false, 1, 1)]
    [InlineData(-10, false, 0, 1)]
    [InlineData(150, true, 0, 0)]
    [InlineData(2000, false, 0, 1)]
    public void One_step(double stepMs, bool indicator, int repetitionErrors, int discontinuityErrors)
    {
        var context = Context();
        var check = new PcrCheck(context);
        var pid = new PidState { Pid = 0x100 };
        var start = Ms(5_000);

        check.OnPcr(ref pid, start, discontinuityIndicator: false);
        check.OnPcr(ref pid, start + Ms(stepMs), indicator);

        context.Errors(TransportCheck.PcrRepetition).Should().Be(repetitionErrors);
        context.Errors(TransportCheck.PcrDiscontinuity).Should().Be(discontinuityErrors);
    }

    [Fact]
    public void A_step_across_the_33_bit_wrap_is_a_small_step()
    {
        var context = Context();
        var check = new PcrCheck(context);
        var pid = new PidState { Pid = 0x100 };

        check.OnPcr(ref pid, StreamClock.PcrModulus - Ms(10), discontinuityIndicator: false);
        check.OnPcr(ref pid, Ms(10), discontinuityIndicator: false);

        context.Errors.ToErrors().TotalCount.Should().Be(0);
    }

    [Fact]
    public void The_repetition_limit_follows_the_options()
    {
        var context = Context(new TransportAnalyzerOptions { PcrRepetitionLimit = TimeSpan.FromMilliseconds(100) });
        var check = new PcrCheck(context);
        var pid = new PidState { Pid = 0x100 };

        check.OnPcr(ref pid, Ms(0), discontinuityIndicator: false);
        check.OnPcr(ref pid, Ms(60), discontinuityIndicator: false);
        PcrCheck.Restart(ref pid);
        check.OnPcr(ref pid, Ms(9_000), discontinuityIndicator: false);

        context.Errors.ToErrors().TotalCount.Should().Be(0);
    }
}
