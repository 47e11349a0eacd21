using Glance.Media.Transport;
using Glance.Media.Transport.Checks;
using static Glance.Tests.Transport.Checks.CheckFamilyHarness;

namespace Glance.Tests.Transport.Checks;

/// <summary>TR 101 290 1.4 alone.</summary>
public sealed class ContinuityCheckTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 4 }, 0)]
    [InlineData(new[] { 14, 15, 0, 1 }, 0)]
    [InlineData(new[] { 0, 1, 3, 4 }, 1)]
    [InlineData(new[] { 0, 2, 1 }, 2)]
    [InlineData(new[] { 0, 1, 1, 2 }, 0)]
    [InlineData(new[] { 0, 1, 1, 1, 2 }, 1)]
    public void Counters_with_payload(int[] counters, int errors)
    {
        var context = Context();
        var check = new ContinuityCheck(context);
        var pid = new PidState { Pid = 0x100 };

        foreach (var counter in counters)
        {
            check.Accept(ref pid, counter, hasPayload: true, discontinuityIndicator: false);
        }

        context.Errors(TransportCheck.Continuity).Should().Be(errors);
    }

    [Fact]
    public void A_duplicate_payload_is_reported_so_it_is_not_used_twice()
    {
        var check = new ContinuityCheck(Context());
        var pid = new PidState { Pid = 0x100 };

        check.Accept(ref pid, 5, hasPayload: true, discontinuityIndicator: false).Should().BeTrue();
        check.Accept(ref pid, 5, hasPayload: true, discontinuityIndicator: false).Should().BeFalse();
        check.Accept(ref pid, 6, hasPayload: true, discontinuityIndicator: false).Should().BeTrue();
    }

    [Fact]
    public void A_counter_that_moves_without_payload_is_an_error_and_one_that_stays_is_not()
    {
        var context = Context();
        var check = new ContinuityCheck(context);
        var pid = new PidState { Pid = 0x100 };

        check.Accept(ref pid, 3, hasPayload: true, discontinuityIndicator: false);
        check.Accept(ref pid, 3, hasPayload: false, discontinuityIndicator: false);
        context.Errors(TransportCheck.Continuity).Should().Be(0);

        check.Accept(ref pid, 4, hasPayload: false, discontinuityIndicator: false);
        context.Errors(TransportCheck.Continuity).Should().Be(1);
    }

    [Fact]
    public void The_discontinuity_indicator_and_a_restart_accept_any_counter_and_an_error_drops_the_partial_section()
    {
        var context = Context();
        var check = new ContinuityCheck(context);
        var pid = new PidState { Pid = 0x100, Sections = new SectionAssembler() };

        check.Accept(ref pid, 1, hasPayload: true, discontinuityIndicator: false);
        check.Accept(ref pid, 9, hasPayload: true, discontinuityIndicator: true);
        ContinuityCheck.Restart(ref pid);
        check.Accept(ref pid, 2, hasPayload: true, discontinuityIndicator: false);
        context.Errors(TransportCheck.Continuity).Should().Be(0);

        check.Accept(ref pid, 7, hasPayload: true, discontinuityIndicator: false);
        context.Errors(TransportCheck.Continuity).Should().Be(1);
    }
}
