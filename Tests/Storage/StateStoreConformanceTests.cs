using System.Text;
using Glance.Storage;
using Glance.Tests.Infrastructure;
using Orleans.Storage;

namespace Glance.Tests.Storage;

/// <summary>
/// The one behaviour every storage provider must have. Each provider's test class derives from this and supplies a
/// fresh, empty provider; every test here then runs against it.
/// </summary>
public abstract class StateStoreConformanceTests : IAsyncLifetime
{
    private const string GrainType = "Event";

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
    private IStorageProvider? provider;

    protected CancellationToken Cancel => timeout.Token;

    protected IStorageProvider Provider => provider ?? throw new InvalidOperationException("The provider is created in InitializeAsync.");

    private IGrainStateStore States => Provider.GrainState;

    private ISortedRecordStore Records => Provider.SortedRecords;

    public async Task InitializeAsync()
    {
        provider = await CreateProviderAsync();
        await provider.InitializeAsync(Cancel);
    }

    public async Task DisposeAsync()
    {
        if (provider is not null)
        {
            await DisposeProviderAsync(provider);
        }

        timeout.Dispose();
    }

    /// <summary>A new provider over empty storage, not yet initialized.</summary>
    protected abstract Task<IStorageProvider> CreateProviderAsync();

    protected virtual Task DisposeProviderAsync(IStorageProvider created)
    {
        (created as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    // ---- grain state ----

    [Fact]
    public async Task Reading_a_state_never_written_gives_null()
    {
        (await States.ReadAsync(GrainType, "missing", Cancel)).Should().BeNull();
    }

    [Fact]
    public async Task Writing_with_no_etag_creates_the_state_and_reading_returns_it_with_that_etag()
    {
        var etag = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);

        var stored = await States.ReadAsync(GrainType, "e1", Cancel);
        stored.Should().NotBeNull();
        Text(stored!.Data).Should().Be("v1");
        stored.ETag.Should().Be(etag).And.NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Writing_with_no_etag_over_an_existing_state_is_refused()
    {
        var etag = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);

        var act = () => States.WriteAsync(GrainType, "e1", Bytes("v2"), null, Cancel);

        var error = (await act.Should().ThrowAsync<InconsistentStateException>()).Which;
        error.StoredEtag.Should().Be(etag);
        error.CurrentEtag.Should().BeNull();
        Text((await States.ReadAsync(GrainType, "e1", Cancel))!.Data).Should().Be("v1");
    }

    [Fact]
    public async Task Writing_with_the_current_etag_replaces_the_state_and_changes_the_etag()
    {
        var first = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);

        var second = await States.WriteAsync(GrainType, "e1", Bytes("v2"), first, Cancel);

        second.Should().NotBe(first);
        var stored = await States.ReadAsync(GrainType, "e1", Cancel);
        Text(stored!.Data).Should().Be("v2");
        stored.ETag.Should().Be(second);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_is_refused_and_names_both_etags()
    {
        var first = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);
        var second = await States.WriteAsync(GrainType, "e1", Bytes("v2"), first, Cancel);

        var act = () => States.WriteAsync(GrainType, "e1", Bytes("v3"), first, Cancel);

        var error = (await act.Should().ThrowAsync<InconsistentStateException>()).Which;
        error.StoredEtag.Should().Be(second);
        error.CurrentEtag.Should().Be(first);
        Text((await States.ReadAsync(GrainType, "e1", Cancel))!.Data).Should().Be("v2");
    }

    [Theory]
    [InlineData("not-an-etag")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task Writing_with_an_etag_the_store_never_issued_is_refused(string bogus)
    {
        await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);

        var act = () => States.WriteAsync(GrainType, "e1", Bytes("v2"), bogus, Cancel);

        await act.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task Writing_with_an_etag_to_a_state_that_does_not_exist_is_refused()
    {
        var act = () => States.WriteAsync(GrainType, "never", Bytes("v"), "1", Cancel);

        var error = (await act.Should().ThrowAsync<InconsistentStateException>()).Which;
        error.StoredEtag.Should().BeNull();
        (await States.ReadAsync(GrainType, "never", Cancel)).Should().BeNull();
    }

    [Fact]
    public async Task Of_two_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var etag = await States.WriteAsync(GrainType, "race", Bytes("start"), null, Cancel);
        for (var round = 0; round < 10; round++)
        {
            var writers = new[] { "a", "b" }.Select(name => Task.Run(() => TryWriteAsync(GrainType, "race", name + round, etag))).ToArray();
            var results = await Task.WhenAll(writers);

            results.Count(r => r is not null).Should().Be(1, "one conditional write must lose in round {0}", round);
            etag = results.Single(r => r is not null)!;
            var stored = await States.ReadAsync(GrainType, "race", Cancel);
            stored!.ETag.Should().Be(etag);
        }
    }

    [Fact]
    public async Task Of_two_concurrent_creators_exactly_one_wins()
    {
        for (var round = 0; round < 10; round++)
        {
            var key = $"create-{round}";
            var writers = new[] { "a", "b" }.Select(name => Task.Run(() => TryWriteAsync(GrainType, key, name, null))).ToArray();
            var results = await Task.WhenAll(writers);

            results.Count(r => r is not null).Should().Be(1);
        }
    }

    [Fact]
    public async Task Clearing_with_the_current_etag_removes_the_state_and_it_can_be_created_again()
    {
        var etag = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);

        await States.ClearAsync(GrainType, "e1", etag, Cancel);

        (await States.ReadAsync(GrainType, "e1", Cancel)).Should().BeNull();
        var recreated = await States.WriteAsync(GrainType, "e1", Bytes("v2"), null, Cancel);
        (await States.ReadAsync(GrainType, "e1", Cancel))!.ETag.Should().Be(recreated);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_refused_and_keeps_the_state()
    {
        var first = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);
        var second = await States.WriteAsync(GrainType, "e1", Bytes("v2"), first, Cancel);

        var act = () => States.ClearAsync(GrainType, "e1", first, Cancel);

        (await act.Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be(second);
        Text((await States.ReadAsync(GrainType, "e1", Cancel))!.Data).Should().Be("v2");
    }

    [Fact]
    public async Task Clearing_a_missing_state_with_no_etag_succeeds_but_clearing_an_existing_one_with_no_etag_is_refused()
    {
        await States.ClearAsync(GrainType, "missing", null, Cancel);
        await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);

        var act = () => States.ClearAsync(GrainType, "e1", null, Cancel);

        await act.Should().ThrowAsync<InconsistentStateException>();
        (await States.ReadAsync(GrainType, "e1", Cancel)).Should().NotBeNull();
    }

    [Fact]
    public async Task An_etag_read_before_a_clear_does_not_match_the_state_written_after_it()
    {
        var old = await States.WriteAsync(GrainType, "e1", Bytes("v1"), null, Cancel);
        await States.ClearAsync(GrainType, "e1", old, Cancel);
        await States.WriteAsync(GrainType, "e1", Bytes("v2"), null, Cancel);

        var act = () => States.WriteAsync(GrainType, "e1", Bytes("stale"), old, Cancel);

        await act.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task States_of_different_grain_types_and_keys_are_separate()
    {
        await States.WriteAsync("Event", "k", Bytes("event"), null, Cancel);
        await States.WriteAsync("Stream", "k", Bytes("stream"), null, Cancel);
        await States.WriteAsync("Event", "k/2", Bytes("other key"), null, Cancel);

        Text((await States.ReadAsync("Event", "k", Cancel))!.Data).Should().Be("event");
        Text((await States.ReadAsync("Stream", "k", Cancel))!.Data).Should().Be("stream");
        Text((await States.ReadAsync("Event", "k/2", Cancel))!.Data).Should().Be("other key");
    }

    [Fact]
    public async Task Empty_and_arbitrary_binary_states_round_trip()
    {
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var emptyETag = await States.WriteAsync(GrainType, "empty", ReadOnlyMemory<byte>.Empty, null, Cancel);
        await States.WriteAsync(GrainType, "binary", binary, null, Cancel);

        var empty = await States.ReadAsync(GrainType, "empty", Cancel);
        empty!.Data.Length.Should().Be(0);
        empty.ETag.Should().Be(emptyETag);
        (await States.ReadAsync(GrainType, "binary", Cancel))!.Data.ToArray().Should().Equal(binary);
    }

    // ---- sorted records ----

    [Fact]
    public async Task Repeating_a_batch_leaves_the_same_records()
    {
        var batch = Enumerable.Range(1, 10).Select(i => Record(i * 10, $"r{i}")).ToList();

        await Records.PutAsync("p", batch, Cancel);
        var once = await ReadAllAsync("p", SortKeyRange.All, 100, descending: false);
        await Records.PutAsync("p", batch, Cancel);
        var twice = await ReadAllAsync("p", SortKeyRange.All, 100, descending: false);

        Describe(twice).Should().Equal(Describe(once));
        Describe(once).Should().Equal(batch.Select(r => $"{r.SortKey}={Text(r.Data)}"));
    }

    [Fact]
    public async Task A_put_with_an_existing_sort_key_replaces_the_record_and_the_last_duplicate_in_a_batch_wins()
    {
        await Records.PutAsync("p", [Record(1, "old"), Record(2, "keep")], Cancel);

        await Records.PutAsync("p", [Record(1, "new"), Record(3, "first"), Record(3, "last")], Cancel);

        Describe(await ReadAllAsync("p", SortKeyRange.All, 10, descending: false)).Should().Equal("1=new", "2=keep", "3=last");
    }

    [Fact]
    public async Task An_empty_batch_changes_nothing()
    {
        await Records.PutAsync("p", [], Cancel);

        (await Records.QueryAsync("p", SortKeyRange.All, 10, null, false, Cancel)).Records.Should().BeEmpty();
    }

    [Fact]
    public async Task A_range_query_includes_both_bounds_and_nothing_outside()
    {
        await Records.PutAsync("p", Enumerable.Range(1, 10).Select(i => Record(i, $"r{i}")).ToList(), Cancel);

        var page = await Records.QueryAsync("p", new SortKeyRange(3, 6), 100, null, false, Cancel);

        page.Records.Select(r => r.SortKey).Should().Equal(3, 4, 5, 6);
        page.ContinuationToken.Should().BeNull();
        (await Records.QueryAsync("p", new SortKeyRange(5, 5), 100, null, true, Cancel)).Records.Select(r => r.SortKey).Should().Equal(5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Paging_walks_the_range_in_order_with_a_token_until_the_last_page(bool descending)
    {
        await Records.PutAsync("p", Enumerable.Range(1, 10).Select(i => Record(i, $"r{i}")).ToList(), Cancel);
        var range = new SortKeyRange(2, 9);

        var pages = await ReadPagesAsync("p", range, 3, descending);

        pages.Select(p => p.Records.Count).Should().Equal(3, 3, 2);
        pages.Take(2).Should().OnlyContain(p => p.ContinuationToken != null);
        pages[^1].ContinuationToken.Should().BeNull();
        var expected = Enumerable.Range(2, 8).Select(i => (long)i);
        pages.SelectMany(p => p.Records).Select(r => r.SortKey).Should().Equal(descending ? expected.Reverse() : expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_range_ends_exactly_at_a_page_boundary_the_last_full_page_has_no_token(bool descending)
    {
        await Records.PutAsync("p", Enumerable.Range(1, 9).Select(i => Record(i, $"r{i}")).ToList(), Cancel);

        var pages = await ReadPagesAsync("p", SortKeyRange.All, 3, descending);

        pages.Select(p => p.Records.Count).Should().Equal(3, 3, 3);
        pages[^1].ContinuationToken.Should().BeNull();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_at_the_end_of_the_range_gives_an_empty_last_page(bool descending)
    {
        var range = new SortKeyRange(1, 5);
        await Records.PutAsync("p", Enumerable.Range(0, 7).Select(i => Record(i, $"r{i}")).ToList(), Cancel);

        var page = await Records.QueryAsync("p", range, 10, SortedRecordPaging.TokenAfter(descending ? range.From : range.To), descending, Cancel);

        page.Records.Should().BeEmpty();
        page.ContinuationToken.Should().BeNull();
    }

    [Fact]
    public async Task Records_put_between_pages_are_seen_if_they_lie_after_the_token()
    {
        await Records.PutAsync("p", [Record(1, "a"), Record(2, "b"), Record(5, "e")], Cancel);
        var first = await Records.QueryAsync("p", SortKeyRange.All, 2, null, false, Cancel);

        await Records.PutAsync("p", [Record(0, "before"), Record(3, "c")], Cancel);
        var second = await Records.QueryAsync("p", SortKeyRange.All, 2, first.ContinuationToken, false, Cancel);

        first.Records.Select(r => r.SortKey).Should().Equal(1, 2);
        second.Records.Select(r => r.SortKey).Should().Equal(3, 5);
        second.ContinuationToken.Should().BeNull();
    }

    [Fact]
    public async Task A_malformed_token_and_a_page_size_out_of_bounds_are_argument_errors()
    {
        var badToken = () => Records.QueryAsync("p", SortKeyRange.All, 10, "12abc", false, Cancel);
        var zero = () => Records.QueryAsync("p", SortKeyRange.All, 0, null, false, Cancel);
        var tooMany = () => Records.QueryAsync("p", SortKeyRange.All, SortedRecordPaging.MaxPageSize + 1, null, false, Cancel);

        await badToken.Should().ThrowAsync<ArgumentException>();
        await zero.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await tooMany.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Delete_range_removes_only_the_inclusive_range_and_counts_what_it_removed()
    {
        await Records.PutAsync("p", Enumerable.Range(1, 10).Select(i => Record(i, $"r{i}")).ToList(), Cancel);

        var deleted = await Records.DeleteRangeAsync("p", new SortKeyRange(3, 7), Cancel);
        var again = await Records.DeleteRangeAsync("p", new SortKeyRange(3, 7), Cancel);

        deleted.Should().Be(5);
        again.Should().Be(0);
        (await ReadAllAsync("p", SortKeyRange.All, 100, false)).Select(r => r.SortKey).Should().Equal(1, 2, 8, 9, 10);
        (await Records.DeleteRangeAsync("nothing-here", SortKeyRange.All, Cancel)).Should().Be(0);
    }

    [Fact]
    public async Task Partitions_are_isolated()
    {
        await Records.PutAsync("event-a", [Record(1, "a1"), Record(2, "a2")], Cancel);
        await Records.PutAsync("event-b", [Record(1, "b1")], Cancel);
        await Records.PutAsync("event-a2", [Record(1, "prefix neighbour")], Cancel);

        (await Records.DeleteRangeAsync("event-a", SortKeyRange.All, Cancel)).Should().Be(2);

        (await ReadAllAsync("event-a", SortKeyRange.All, 10, false)).Should().BeEmpty();
        Describe(await ReadAllAsync("event-b", SortKeyRange.All, 10, false)).Should().Equal("1=b1");
        Describe(await ReadAllAsync("event-a2", SortKeyRange.All, 10, false)).Should().Equal("1=prefix neighbour");
    }

    [Fact]
    public async Task Large_batches_are_stored_completely()
    {
        // More than DynamoDB's 25 writes per batch, not a multiple of 25, and with repeated keys in the batch.
        var batch = Enumerable.Range(0, 263).Select(i => Record(i * 3, $"r{i}")).Concat(Enumerable.Range(0, 30).Select(i => Record(i * 3, $"again{i}"))).ToList();

        await Records.PutAsync("big", batch, Cancel);

        var all = await ReadAllAsync("big", SortKeyRange.All, 100, false);
        all.Should().HaveCount(263);
        Text(all[0].Data).Should().Be("again0");
        Text(all[29].Data).Should().Be("again29");
        Text(all[30].Data).Should().Be("r30");
        (await Records.DeleteRangeAsync("big", SortKeyRange.All, Cancel)).Should().Be(263);
        (await Records.QueryAsync("big", SortKeyRange.All, 10, null, false, Cancel)).Records.Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Negative_and_extreme_sort_keys_sort_numerically_and_page_one_by_one(bool descending)
    {
        long[] keys = [long.MaxValue, -1, 0, long.MinValue, 1, -1_000_000_000_000, 1_000_000_000_000];
        await Records.PutAsync("edges", keys.Select(k => Record(k, k.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), Cancel);

        var pages = await ReadPagesAsync("edges", SortKeyRange.All, 1, descending);

        var ordered = keys.Order().ToArray();
        pages.SelectMany(p => p.Records).Select(r => r.SortKey).Should().Equal(descending ? ordered.Reverse() : ordered);
        pages.Should().HaveCount(keys.Length);
        pages[^1].ContinuationToken.Should().BeNull();
        Describe(pages.SelectMany(p => p.Records).ToList()).Should().OnlyContain(d => d.Split('=', 2)[0] == d.Split('=', 2)[1]);
        (await Records.DeleteRangeAsync("edges", new SortKeyRange(long.MinValue, -1), Cancel)).Should().Be(3);
    }

    [Fact]
    public async Task Querying_a_partition_that_was_never_written_gives_an_empty_last_page()
    {
        var page = await Records.QueryAsync("never", SortKeyRange.All, 10, null, true, Cancel);

        page.Records.Should().BeEmpty();
        page.ContinuationToken.Should().BeNull();
    }

    // ---- helpers ----

    protected static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> data) => Encoding.UTF8.GetString(data.Span);

    protected static SortedRecord Record(long sortKey, string text) => new(sortKey, Bytes(text));

    private static IEnumerable<string> Describe(IReadOnlyList<SortedRecord> records) => records.Select(r => $"{r.SortKey}={Text(r.Data)}").ToList();

    private async Task<string?> TryWriteAsync(string grainType, string grainKey, string text, string? etag)
    {
        try
        {
            return await States.WriteAsync(grainType, grainKey, Bytes(text), etag, Cancel);
        }
        catch (InconsistentStateException)
        {
            return null;
        }
    }

    private async Task<List<SortedRecordPage>> ReadPagesAsync(string partition, SortKeyRange range, int limit, bool descending)
    {
        var pages = new List<SortedRecordPage>();
        string? token = null;
        do
        {
            var page = await Records.QueryAsync(partition, range, limit, token, descending, Cancel);
            pages.Add(page);
            token = page.ContinuationToken;
            pages.Count.Should().BeLessThan(10_000, "paging must end");
        }
        while (token is not null);

        return pages;
    }

    private async Task<List<SortedRecord>> ReadAllAsync(string partition, SortKeyRange range, int limit, bool descending) =>
        (await ReadPagesAsync(partition, range, limit, descending)).SelectMany(p => p.Records).ToList();
}
