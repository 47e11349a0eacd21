using Glance.Storage;
using Glance.Storage.Memory;
using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Runtime;

public sealed class TimerAndReminderTests
{
    private static readonly Dictionary<string, string?> FastReminders = new()
    {
        ["Runtime:Reminders:MinimumPeriod"] = "00:00:00.100",
        ["Runtime:Reminders:RefreshInterval"] = "00:00:00.200",
        ["Runtime:Reminders:LeaseDuration"] = "00:00:02",
        ["Runtime:Reminders:Shards"] = "4",
    };

    [Fact]
    public async Task A_timer_ticks_as_turns_and_stops_on_deactivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Key();
        var grain = silo.Grain<ITickerGrain>(key);
        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(20));
        await Eventually.TrueAsync(() => TickerGrain.TimerTicks.GetValueOrDefault(key) >= 3, "the timer ticks");

        await grain.DeactivateAsync();
        await silo.Runtime.WhenDeactivationsCompleteAsync();
        await Eventually.TrueAsync(() => silo.Runtime.ActivationCount == 0, "the grain is deactivated");
        var afterDeactivation = TickerGrain.TimerTicks.GetValueOrDefault(key);
        await Task.Delay(200);

        TickerGrain.TimerTicks.GetValueOrDefault(key).Should().Be(afterDeactivation);
    }

    [Fact]
    public async Task A_timer_does_not_keep_its_grain_alive()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Key();
        await silo.Grain<ITickerGrain>(key).StartTimerAsync(TimeSpan.FromMilliseconds(10));
        await Eventually.TrueAsync(() => TickerGrain.TimerTicks.GetValueOrDefault(key) >= 2, "the timer ticks");

        await Eventually.TrueAsync(() => silo.Runtime.CollectIdleActivations(TimeSpan.FromMilliseconds(50)) == 1, "the ticking grain is collected as idle");
    }

    [Fact]
    public async Task A_reminder_fires_repeatedly_and_stops_when_unregistered()
    {
        await using var silo = await TestSilo.StartAsync(settings: FastReminders);
        var key = Key();
        var grain = silo.Grain<ITickerGrain>(key);

        await grain.StartReminderAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(() => Ticks(key) >= 3, "the reminder fires three times");
        await grain.StopReminderAsync();
        await Task.Delay(300); // let a tick that was already due finish
        var afterStop = Ticks(key);
        await Task.Delay(400);

        Ticks(key).Should().Be(afterStop);
        var statuses = TickerGrain.ReminderTicks[key].ToArray();
        statuses.Select(s => s.CurrentTickTime).Should().BeInAscendingOrder();
        statuses.Should().OnlyContain(s => s.Period == TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var storage = new MemoryStorageProvider(TimeProvider.System);
        var key = Key();
        await using (var first = await TestSilo.StartAsync(storage, FastReminders))
        {
            await first.Grain<ITickerGrain>(key).StartReminderAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        }

        Ticks(key).Should().Be(0, "the first silo stopped before the reminder was due");

        // A new runtime over the same store (the process restarted): the reminder comes back from storage.
        await using var second = await TestSilo.StartAsync(storage, FastReminders);
        await Eventually.TrueAsync(() => Ticks(key) >= 1, "the reminder fires after the restart");
    }

    [Fact]
    public async Task A_reminder_registered_before_a_process_restart_fires_after_it_from_the_same_sqlite_file()
    {
        using var directory = new TemporaryDirectory();
        var options = new SqliteStorageOptions { Path = Path.Combine(directory.Path, "glance.db") };
        var key = Key();
        using (var storage = new SqliteStorageProvider(options, TimeProvider.System))
        {
            await using var first = await TestSilo.StartAsync(storage, FastReminders);
            await first.Grain<ITickerGrain>(key).StartReminderAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        }

        Ticks(key).Should().Be(0, "the first process stopped before the reminder was due");

        // Everything in memory is gone; only the file remains, as after a restart.
        using var reopened = new SqliteStorageProvider(options, TimeProvider.System);
        await using var second = await TestSilo.StartAsync(reopened, FastReminders);
        await Eventually.TrueAsync(() => Ticks(key) >= 2, "the reminder fires after the restart, and keeps firing");
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_refused()
    {
        await using var silo = await TestSilo.StartAsync();

        var act = () => silo.Grain<ITickerGrain>(Key()).StartReminderAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*period*");
    }

    private static int Ticks(string key) => TickerGrain.ReminderTicks.TryGetValue(key, out var q) ? q.Count : 0;

    private static string Key() => Guid.NewGuid().ToString("N");
}
