using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Glance.Tests.Storage;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> contract as every backend must keep it. Tables are resolved through the
/// public Use...ReminderService extensions; several tables over one backing store stand for several silos (or a
/// restarted one).
/// </summary>
public abstract class ReminderTableConformanceTests : ProviderConformanceTests
{
    /// <summary>Registers the backend; every call must reach the same backing store.</summary>
    protected abstract void AddReminderTable(IServiceCollection services);

    [Fact]
    public void StartAsync_is_the_contract_s_own_so_the_reminder_service_creates_the_schema()
    {
        typeof(IReminderTable).GetMethod(nameof(IReminderTable.StartAsync)).Should().NotBeNull();
    }

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_grain_name_start_period_and_etag()
    {
        var table = await NewTableAsync();
        var entry = Reminder(NewGrain(), "foo/bar\\#b_a_z?", new DateTime(2026, 12, 5, 7, 44, 11, DateTimeKind.Utc).AddTicks(1234567), TimeSpan.FromDays(1.5).Add(TimeSpan.FromTicks(7)));

        var etag = await table.UpsertRow(entry);

        etag.Should().NotBeNullOrEmpty();
        var read = await table.ReadRow(entry.GrainId, entry.ReminderName);
        read.Should().NotBeNull();
        read!.GrainId.Should().Be(entry.GrainId);
        read.ReminderName.Should().Be(entry.ReminderName);
        read.StartAt.Should().Be(entry.StartAt);
        read.StartAt.Kind.Should().Be(DateTimeKind.Utc);
        read.Period.Should().Be(entry.Period);
        read.ETag.Should().Be(etag);
    }

    [Fact]
    public async Task A_reminder_never_written_reads_as_null()
    {
        var table = await NewTableAsync();

        (await table.ReadRow(NewGrain(), "missing")).Should().BeNull();
        (await table.ReadRows(NewGrain())).Reminders.Should().BeEmpty();
    }

    [Fact]
    public async Task Upserting_again_replaces_the_reminder_and_changes_the_etag()
    {
        var table = await NewTableAsync();
        var entry = Reminder(NewGrain(), "tick");
        var first = await table.UpsertRow(entry);

        entry.Period = TimeSpan.FromMinutes(5);
        var second = await table.UpsertRow(entry);

        second.Should().NotBe(first);
        var read = await table.ReadRow(entry.GrainId, entry.ReminderName);
        read!.Period.Should().Be(TimeSpan.FromMinutes(5));
        read.ETag.Should().Be(second);
        (await table.ReadRows(entry.GrainId)).Reminders.Should().ContainSingle();
    }

    [Fact]
    public async Task RemoveRow_succeeds_only_with_the_current_etag_and_only_once()
    {
        var table = await NewTableAsync();
        var entry = Reminder(NewGrain(), "tick");
        var stale = await table.UpsertRow(entry);
        var current = await table.UpsertRow(entry);

        (await table.RemoveRow(entry.GrainId, entry.ReminderName, stale!)).Should().BeFalse("the etag is stale");
        (await table.RemoveRow(entry.GrainId, "other", current!)).Should().BeFalse("no such reminder");
        (await table.RemoveRow(entry.GrainId, entry.ReminderName, "not-an-etag")).Should().BeFalse();
        (await table.ReadRow(entry.GrainId, entry.ReminderName)).Should().NotBeNull();

        (await table.RemoveRow(entry.GrainId, entry.ReminderName, current!)).Should().BeTrue();
        (await table.RemoveRow(entry.GrainId, entry.ReminderName, current!)).Should().BeFalse("it is gone");
        (await table.ReadRow(entry.GrainId, entry.ReminderName)).Should().BeNull();
    }

    [Fact]
    public async Task An_etag_from_before_a_remove_cannot_remove_the_reminder_created_after_it()
    {
        var table = await NewTableAsync();
        var entry = Reminder(NewGrain(), "tick");
        var old = await table.UpsertRow(entry);
        (await table.RemoveRow(entry.GrainId, entry.ReminderName, old!)).Should().BeTrue();

        await table.UpsertRow(entry);

        (await table.RemoveRow(entry.GrainId, entry.ReminderName, old!)).Should().BeFalse();
    }

    [Fact]
    public async Task ReadRows_by_grain_returns_that_grain_s_reminders_only()
    {
        var table = await NewTableAsync();
        var (grain, other) = (NewGrain(), NewGrain());
        foreach (var name in new[] { "a", "b", "c" })
        {
            await table.UpsertRow(Reminder(grain, name));
        }

        await table.UpsertRow(Reminder(other, "a"));

        var rows = (await table.ReadRows(grain)).Reminders;
        rows.Select(r => r.ReminderName).Should().BeEquivalentTo(["a", "b", "c"]);
        rows.Should().OnlyContain(r => r.GrainId == grain && r.ETag != null);
    }

    [Fact]
    public async Task ReadRows_by_hash_range_follows_the_ring_begin_exclusive_end_inclusive_with_wrap_around()
    {
        var table = await NewTableAsync();
        var grains = Enumerable.Range(0, 60).Select(_ => NewGrain()).ToList();
        await Task.WhenAll(grains.Select(g => table.UpsertRow(Reminder(g, "tick"))));
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();

        var ranges = new List<(uint Begin, uint End)>
        {
            (0, 0), (uint.MaxValue, uint.MaxValue), (0, uint.MaxValue), (uint.MaxValue, 0), (uint.MaxValue - 1, 5),
            (hashes[10], hashes[20]), (hashes[20], hashes[10]), (hashes[5] - 1, hashes[5]), (hashes[5], hashes[5] + 1), (hashes[^1], hashes[0]),
        };
        var random = new Random(12);
        ranges.AddRange(Enumerable.Range(0, 30).Select(_ => ((uint)random.NextInt64(0, uint.MaxValue + 1L), (uint)random.NextInt64(0, uint.MaxValue + 1L))));

        foreach (var (begin, end) in ranges)
        {
            var expected = begin < end
                ? hashes.Where(h => h > begin && h <= end)
                : hashes.Where(h => h > begin || h <= end);

            var rows = (await table.ReadRows(begin, end)).Reminders;

            rows.Select(r => r.GrainId.GetUniformHashCode()).Should().BeEquivalentTo(expected, "range ({0}, {1}]", begin, end);
        }
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_reminder_each_get_their_own_etag_and_leave_one_row()
    {
        var table = await NewTableAsync();
        var grains = Enumerable.Range(0, 5).Select(_ => NewGrain()).ToList();

        var etags = await Task.WhenAll(grains.Select(grain => Task.WhenAll(Enumerable.Range(1, 5).Select(i => Task.Run(() =>
        {
            var entry = Reminder(grain, "tick", StartAt().AddMilliseconds(i));
            return table.UpsertRow(entry);
        })))));

        etags.Should().OnlyContain(perGrain => perGrain.Distinct().Count() == 5);
        foreach (var (grain, perGrain) in grains.Zip(etags))
        {
            var rows = (await table.ReadRows(grain)).Reminders;
            rows.Should().ContainSingle();
            perGrain.Should().Contain(rows[0].ETag);
        }
    }

    [Fact]
    public async Task Reminders_survive_a_restart_and_are_kept_apart_per_service()
    {
        var entry = Reminder(NewGrain(), "start-ingest");
        var etag = await (await NewTableAsync()).UpsertRow(entry);

        var restarted = await NewTableAsync();
        var otherService = await NewTableAsync("other-service");

        (await restarted.ReadRow(entry.GrainId, entry.ReminderName))!.ETag.Should().Be(etag);
        (await restarted.ReadRows(0, 0)).Reminders.Should().ContainSingle();
        (await otherService.ReadRow(entry.GrainId, entry.ReminderName)).Should().BeNull();
        (await otherService.ReadRows(0, 0)).Reminders.Should().BeEmpty();
        (await otherService.RemoveRow(entry.GrainId, entry.ReminderName, etag!)).Should().BeFalse();
    }

    [Fact]
    public async Task TestOnlyClearTable_removes_the_service_s_reminders()
    {
        var table = await NewTableAsync();
        await table.UpsertRow(Reminder(NewGrain(), "a"));
        await table.UpsertRow(Reminder(NewGrain(), "b"));

        await table.TestOnlyClearTable();

        (await table.ReadRows(0, 0)).Reminders.Should().BeEmpty();
    }

    private async Task<IReminderTable> NewTableAsync(string serviceId = ServiceId)
    {
        var table = NewSilo(AddReminderTable, serviceId: serviceId).GetRequiredService<IReminderTable>();
        await table.StartAsync(Cancel);
        await table.StartAsync(Cancel);
        return table;
    }

    private static GrainId NewGrain() =>
        GrainId.Create(GrainType.Create("live-event"), IdSpan.Create($"tenant/{Guid.NewGuid():N}\\#?"));

    private static DateTime StartAt() => new(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

    private static ReminderEntry Reminder(GrainId grain, string name, DateTime? startAt = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? StartAt(),
        Period = period ?? TimeSpan.FromMinutes(1),
    };
}
