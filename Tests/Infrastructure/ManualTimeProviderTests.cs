namespace Glance.Tests.Infrastructure;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_moves_only_when_advanced_and_elapsed_time_follows_it()
    {
        var clock = new ManualTimeProvider(Start);
        var started = clock.GetTimestamp();

        clock.GetUtcNow().Should().Be(Start);
        clock.Advance(TimeSpan.FromMinutes(3));

        clock.GetUtcNow().Should().Be(Start.AddMinutes(3));
        clock.GetElapsedTime(started).Should().Be(TimeSpan.FromMinutes(3));
        var backwards = () => clock.Advance(TimeSpan.FromTicks(-1));
        backwards.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_one_shot_timer_fires_once_when_its_due_time_is_reached_and_sees_that_time()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(4.999));
        fired.Should().BeEmpty();
        clock.Advance(TimeSpan.FromSeconds(10));

        fired.Should().Equal(Start.AddSeconds(5));
        clock.GetUtcNow().Should().Be(Start.AddSeconds(14.999));
        clock.ArmedTimerCount.Should().Be(0);
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_passed_at_each_due_time()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(8));

        fired.Should().Equal(Start.AddSeconds(1), Start.AddSeconds(3), Start.AddSeconds(5), Start.AddSeconds(7));
    }

    [Fact]
    public void Timers_fire_in_due_time_order_and_in_scheduling_order_when_due_together()
    {
        var clock = new ManualTimeProvider(Start);
        var order = new List<string>();
        using var late = clock.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var firstAtTwo = clock.CreateTimer(_ => order.Add("first@2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var secondAtTwo = clock.CreateTimer(_ => order.Add("second@2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => order.Add("every 1.5"), null, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1.5));

        clock.Advance(TimeSpan.FromSeconds(3));

        // At 3 s "late" was scheduled before the periodic timer's second round.
        order.Should().Equal("every 1.5", "first@2", "second@2", "late", "every 1.5");
    }

    [Fact]
    public void Change_reschedules_from_now_and_an_infinite_due_time_stops_the_timer()
    {
        var clock = new ManualTimeProvider(Start);
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(4));

        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan).Should().BeTrue();
        clock.Advance(TimeSpan.FromSeconds(4));
        count.Should().Be(0, "the timer was moved to 9 s");
        clock.Advance(TimeSpan.FromSeconds(1));
        count.Should().Be(1);

        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(10));
        count.Should().Be(3);
    }

    [Fact]
    public void A_disposed_timer_never_fires_and_cannot_be_changed()
    {
        var clock = new ManualTimeProvider(Start);
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        count.Should().Be(0);
        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.Zero).Should().BeFalse();
        clock.ArmedTimerCount.Should().Be(0);
    }

    [Fact]
    public void A_callback_can_stop_or_reschedule_its_own_timer()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        ITimer? self = null;
        self = clock.CreateTimer(
            _ =>
            {
                fired.Add(clock.GetUtcNow());
                if (fired.Count == 2)
                {
                    self!.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
                }
                else if (fired.Count == 3)
                {
                    self!.Dispose();
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(60));

        fired.Should().Equal(Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(12));
    }

    [Fact]
    public void A_zero_due_time_fires_at_once_with_its_state()
    {
        var clock = new ManualTimeProvider(Start);
        object? seen = null;

        using var timer = clock.CreateTimer(state => seen = state, "state", TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        seen.Should().Be("state");
    }

    [Fact]
    public async Task Task_delay_and_timed_cancellation_follow_the_manual_clock()
    {
        var clock = new ManualTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        delay.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));

        cancellation.IsCancellationRequested.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(30));
        cancellation.IsCancellationRequested.Should().BeTrue();
    }
}
