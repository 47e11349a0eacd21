using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Glance.Tests.Storage;

/// <summary>
/// Orleans' <see cref="IMembershipTable"/> contract as every backend must keep it. Tables are resolved through the
/// public UseDynamoDBClustering-style extension; several tables over one backing store stand for several silos.
/// </summary>
public abstract class MembershipTableConformanceTests : ProviderConformanceTests
{
    private static int nextPort = 11_000;

    /// <summary>Registers the backend; every call must reach the same backing store.</summary>
    protected abstract void AddMembershipTable(IServiceCollection services);

    [Fact]
    public async Task A_new_table_reads_as_version_zero_with_an_etag_and_no_rows()
    {
        var table = await NewTableAsync();

        var data = await table.ReadAllAsync(Cancel);

        data.Members.Should().BeEmpty();
        data.Version.Version.Should().Be(0);
        data.Version.VersionEtag.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Initializing_again_from_another_silo_keeps_the_rows_and_the_version()
    {
        var table = await NewTableAsync();
        (await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        var before = await table.ReadAllAsync(Cancel);

        var second = await NewTableAsync();

        var after = await second.ReadAllAsync(Cancel);
        after.Version.Should().Be(before.Version);
        after.Members.Should().ContainSingle();
    }

    [Fact]
    public async Task Inserting_with_the_next_table_version_succeeds_and_moves_the_version()
    {
        var table = await NewTableAsync();
        var empty = await table.ReadAllAsync(Cancel);
        var entry = Entry();

        (await table.InsertRowAsync(entry, empty.Version.Next(), Cancel)).Should().BeTrue();

        var data = await table.ReadAllAsync(Cancel);
        data.Version.Version.Should().Be(1);
        data.Version.VersionEtag.Should().NotBe(empty.Version.VersionEtag);
        data.Members.Should().ContainSingle().Which.Item1.SiloAddress.Should().Be(entry.SiloAddress);
        data.Members[0].Item2.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Inserting_with_a_stale_table_version_or_a_duplicate_row_fails()
    {
        var table = await NewTableAsync();
        var stale = (await table.ReadAllAsync(Cancel)).Version.Next();
        var entry = Entry();
        (await table.InsertRowAsync(entry, stale, Cancel)).Should().BeTrue();

        (await table.InsertRowAsync(Entry(), stale, Cancel)).Should().BeFalse("a new row with an old table version");
        (await table.InsertRowAsync(entry, stale, Cancel)).Should().BeFalse("the same row with an old table version");
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeFalse("the row exists");

        var data = await table.ReadAllAsync(Cancel);
        data.Members.Should().ContainSingle();
        data.Version.Version.Should().Be(1);
    }

    [Fact]
    public async Task Every_field_of_a_row_round_trips()
    {
        var table = await NewTableAsync();
        var suspecter = SiloAddress.New(new IPEndPoint(IPAddress.Parse("10.0.0.9"), 11111), 42);
        var entry = Entry(SiloStatus.Active);
        entry.HostName = "glance-silo-7c9f";
        entry.SiloName = "silo-7c9f";
        entry.RoleName = "Glance.Silo";
        entry.ProxyPort = 30123;
        entry.UpdateZone = 2;
        entry.FaultZone = 3;
        entry.StartTime = new DateTime(2026, 12, 5, 7, 0, 0, DateTimeKind.Utc).AddTicks(12345);
        entry.IAmAliveTime = entry.StartTime.AddSeconds(30).AddTicks(7);
        entry.SuspectTimes = [Tuple.Create(suspecter, entry.StartTime.AddSeconds(5)), Tuple.Create(entry.SiloAddress, entry.StartTime.AddSeconds(6))];
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();

        var read = (await (await NewTableAsync()).ReadRowAsync(entry.SiloAddress, Cancel)).Members.Should().ContainSingle().Subject.Item1;

        read.ToFullString().Should().Be(entry.ToFullString());
        read.SiloAddress.Should().Be(entry.SiloAddress);
        read.SiloAddress.Generation.Should().Be(entry.SiloAddress.Generation);
        read.Status.Should().Be(SiloStatus.Active);
        read.HostName.Should().Be(entry.HostName);
        read.SiloName.Should().Be(entry.SiloName);
        read.RoleName.Should().Be(entry.RoleName);
        read.ProxyPort.Should().Be(30123);
        read.UpdateZone.Should().Be(2);
        read.FaultZone.Should().Be(3);
        read.StartTime.Should().Be(entry.StartTime);
        read.IAmAliveTime.Should().Be(entry.IAmAliveTime);
        read.SuspectTimes.Should().Equal(entry.SuspectTimes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_suspicions_and_an_empty_suspicion_list_stay_apart(bool empty)
    {
        var table = await NewTableAsync();
        var entry = Entry();
        entry.RoleName = null;
        entry.SuspectTimes = empty ? [] : null;
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();

        var read = (await table.ReadRowAsync(entry.SiloAddress, Cancel)).Members.Single().Item1;

        read.SuspectTimes.Should().BeEquivalentTo(entry.SuspectTimes);
        read.RoleName.Should().BeNull();
    }

    [Fact]
    public async Task Updating_needs_both_the_row_etag_and_the_table_version()
    {
        var table = await NewTableAsync();
        var entry = Entry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        var read = await table.ReadAllAsync(Cancel);
        var etag = read.Members.Single().Item2;

        entry.Status = SiloStatus.Active;
        (await table.UpdateRowAsync(entry, etag, read.Version.Next(), Cancel)).Should().BeTrue();

        var updated = await table.ReadAllAsync(Cancel);
        updated.Version.Version.Should().Be(2);
        updated.Members.Single().Item1.Status.Should().Be(SiloStatus.Active);
        var newETag = updated.Members.Single().Item2;
        newETag.Should().NotBe(etag);
        entry.Status = SiloStatus.ShuttingDown;
        (await table.UpdateRowAsync(entry, etag, updated.Version.Next(), Cancel)).Should().BeFalse("the row etag is stale");
        (await table.UpdateRowAsync(entry, newETag, read.Version.Next(), Cancel)).Should().BeFalse("the table version is stale");
        (await table.UpdateRowAsync(entry, "not-an-etag", updated.Version.Next(), Cancel)).Should().BeFalse();
        (await table.UpdateRowAsync(Entry(), newETag, updated.Version.Next(), Cancel)).Should().BeFalse("no such row");
        (await table.ReadAllAsync(Cancel)).Should().BeEquivalentTo(updated, o => o.Excluding(d => d.Members));
        (await table.ReadRowAsync(entry.SiloAddress, Cancel)).Members.Single().Item1.Status.Should().Be(SiloStatus.Active);
    }

    [Fact]
    public async Task Of_two_silos_updating_a_row_with_the_same_etag_exactly_one_wins()
    {
        var (a, b) = (await NewTableAsync(), await NewTableAsync());
        var entry = Entry();
        (await a.InsertRowAsync(entry, (await a.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        for (var round = 0; round < 10; round++)
        {
            var read = await a.ReadAllAsync(Cancel);
            var etag = read.Members.Single().Item2;

            var results = await Task.WhenAll(new[] { (a, SiloStatus.Active), (b, SiloStatus.Dead) }.Select(writer => Task.Run(() =>
            {
                var copy = Entry(writer.Item2, entry.SiloAddress);
                return writer.Item1.UpdateRowAsync(copy, etag, read.Version.Next(), Cancel);
            })));

            results.Count(won => won).Should().Be(1, "round {0}", round);
            (await b.ReadAllAsync(Cancel)).Version.Version.Should().Be(read.Version.Version + 1);
        }
    }

    [Fact]
    public async Task Of_two_silos_writing_different_rows_against_the_same_table_version_exactly_one_wins()
    {
        var (a, b) = (await NewTableAsync(), await NewTableAsync());
        for (var round = 0; round < 5; round++)
        {
            var version = (await a.ReadAllAsync(Cancel)).Version.Next();

            var results = await Task.WhenAll(Task.Run(() => a.InsertRowAsync(Entry(), version, Cancel)), Task.Run(() => b.InsertRowAsync(Entry(), version, Cancel)));

            results.Count(won => won).Should().Be(1, "round {0}", round);
        }

        (await a.ReadAllAsync(Cancel)).Members.Should().HaveCount(5);
    }

    [Fact]
    public async Task ReadAll_returns_the_version_and_every_row_with_an_etag_that_updates_it()
    {
        var table = await NewTableAsync();
        var entries = Enumerable.Range(0, 5).Select(_ => Entry()).ToList();
        foreach (var entry in entries)
        {
            (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        }

        var data = await (await NewTableAsync()).ReadAllAsync(Cancel);

        data.Version.Version.Should().Be(5);
        data.Members.Select(m => m.Item1.SiloAddress).Should().BeEquivalentTo(entries.Select(e => e.SiloAddress));
        var (row, etag) = data.Members[2];
        row.Status = SiloStatus.Active;
        (await table.UpdateRowAsync(row, etag, data.Version.Next(), Cancel)).Should().BeTrue();
    }

    [Fact]
    public async Task ReadRow_returns_the_row_and_the_table_version_or_no_row()
    {
        var table = await NewTableAsync();
        var entry = Entry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        (await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();

        var found = await table.ReadRowAsync(entry.SiloAddress, Cancel);
        var missing = await table.ReadRowAsync(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1), Cancel);

        found.Members.Should().ContainSingle().Which.Item1.SiloAddress.Should().Be(entry.SiloAddress);
        found.Version.Version.Should().Be(2);
        missing.Members.Should().BeEmpty();
        missing.Version.Should().Be(found.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_changes_only_the_alive_time()
    {
        var table = await NewTableAsync();
        var entry = Entry();
        (await table.InsertRowAsync(entry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        var before = await table.ReadAllAsync(Cancel);
        var alive = entry.IAmAliveTime.AddMinutes(3);

        var stale = Entry(SiloStatus.Dead, entry.SiloAddress);
        stale.IAmAliveTime = alive;
        await table.UpdateIAmAliveAsync(stale, Cancel);

        var after = await table.ReadAllAsync(Cancel);
        after.Version.Should().Be(before.Version);
        var (row, etag) = after.Members.Single();
        etag.Should().Be(before.Members.Single().Item2);
        row.IAmAliveTime.Should().Be(alive);
        row.Status.Should().Be(entry.Status, "only the alive time is written");
        var unknown = () => table.UpdateIAmAliveAsync(Entry(), Cancel);
        await unknown.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task Cleanup_removes_rows_not_active_and_not_alive_since_the_date()
    {
        var table = await NewTableAsync();
        var now = DateTime.UtcNow;
        var old = now.AddDays(-10);
        var kept = new List<SiloAddress>();
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            var oldEntry = Entry(status);
            oldEntry.StartTime = old;
            oldEntry.IAmAliveTime = old;
            (await table.InsertRowAsync(oldEntry, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
            if (status == SiloStatus.Active)
            {
                kept.Add(oldEntry.SiloAddress);
            }
        }

        var recentDead = Entry(SiloStatus.Dead);
        recentDead.IAmAliveTime = now;
        (await table.InsertRowAsync(recentDead, (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        kept.Add(recentDead.SiloAddress);
        var version = (await table.ReadAllAsync(Cancel)).Version;

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(old.AddDays(3)), Cancel);

        var data = await table.ReadAllAsync(Cancel);
        data.Members.Select(m => m.Item1.SiloAddress).Should().BeEquivalentTo(kept);
        data.Version.Should().Be(version);
    }

    [Fact]
    public async Task Deleting_a_cluster_s_entries_empties_its_table()
    {
        var table = await NewTableAsync();
        (await table.InsertRowAsync(Entry(), (await table.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();

        await table.DeleteMembershipTableEntriesAsync(ClusterId, Cancel);

        (await table.ReadAllAsync(Cancel)).Members.Should().BeEmpty();
        await table.InitializeMembershipTableAsync(true, Cancel);
        var fresh = await table.ReadAllAsync(Cancel);
        fresh.Version.Version.Should().Be(0);
        (await table.InsertRowAsync(Entry(), fresh.Version.Next(), Cancel)).Should().BeTrue();
    }

    protected async Task<IMembershipTable> NewTableAsync(string clusterId = ClusterId)
    {
        var table = NewSilo(AddMembershipTable, clusterId: clusterId).GetRequiredService<IMembershipTable>();
        await table.InitializeMembershipTableAsync(true, Cancel);
        return table;
    }

    protected static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, SiloAddress? address = null)
    {
        var now = new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);
        var port = Interlocked.Increment(ref nextPort);
        return new MembershipEntry
        {
            SiloAddress = address ?? SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), port * 7),
            Status = status,
            HostName = "localhost",
            SiloName = $"silo-{port}",
            RoleName = "Glance.Silo",
            ProxyPort = port + 20_000,
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }
}
