using System.Diagnostics.Metrics;
using Glance.Hosting.Diagnostics;
using Glance.Storage;
using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Storage;

/// <summary>Record puts that wait for the file's write turn are committed together; each keeps its own outcome.</summary>
public sealed class SqliteRecordGroupCommitTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    [Fact]
    public async Task Puts_waiting_for_the_write_turn_are_committed_in_one_transaction()
    {
        using var provider = await ProviderAsync();
        var store = (SqliteSortedRecordStore)provider.SortedRecords;
        using var otherWriter = new SqliteConnectionFactory(provider.DatabasePath);
        var turn = await otherWriter.OpenForWriteAsync(CancellationToken.None);

        var puts = Enumerable.Range(1, 10).Select(i => store.PutAsync($"viewer-{i}", [Record(1, i), Record(2, i)], CancellationToken.None)).ToList();
        await turn.DisposeAsync();
        await Task.WhenAll(puts).WaitAsync(TimeSpan.FromSeconds(30));

        store.PutTransactions.Should().Be(1, "all ten were waiting when the turn came");
        for (var i = 1; i <= 10; i++)
        {
            var page = await store.QueryAsync($"viewer-{i}", SortKeyRange.All, 10, null, descending: false, CancellationToken.None);
            page.Records.Select(r => (r.SortKey, r.Data.Span[0])).Should().Equal((1L, (byte)i), (2L, (byte)i));
        }
    }

    [Fact]
    public async Task Metrics_show_the_puts_and_the_transactions_that_grouped_them()
    {
        using var provider = await ProviderAsync();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var exporter = new PrometheusMetricsExporter(PrometheusMetricsExporter.ForHost(meters));
        _ = new StorageMetrics(meters, provider);
        using var otherWriter = new SqliteConnectionFactory(provider.DatabasePath);
        var turn = await otherWriter.OpenForWriteAsync(CancellationToken.None);

        var puts = Enumerable.Range(1, 10).Select(i => provider.SortedRecords.PutAsync($"viewer-{i}", [Record(1, i)], CancellationToken.None)).ToList();
        await turn.DisposeAsync();
        await Task.WhenAll(puts).WaitAsync(TimeSpan.FromSeconds(30));
        await provider.SortedRecords.PutAsync("alone", [Record(1, 11)], CancellationToken.None);

        var scrape = exporter.Scrape().Split('\n');
        scrape.Should().Contain("glance_storage_record_puts_total 11");
        scrape.Should().Contain("glance_storage_record_transactions_total 2", "ten waiting puts took one transaction, the last put its own");
    }

    [Fact]
    public async Task A_failed_transaction_fails_every_put_in_it_and_the_next_puts_are_written()
    {
        using var provider = await ProviderAsync();
        var store = (SqliteSortedRecordStore)provider.SortedRecords;
        await ExecuteAsync(provider, "CREATE TRIGGER refuse BEFORE INSERT ON sorted_records WHEN NEW.partition = 'poison' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        using var otherWriter = new SqliteConnectionFactory(provider.DatabasePath);
        var turn = await otherWriter.OpenForWriteAsync(CancellationToken.None);

        var good = store.PutAsync("good", [Record(1, 1)], CancellationToken.None);
        var poison = store.PutAsync("poison", [Record(1, 2)], CancellationToken.None);
        await turn.DisposeAsync();

        await ((Func<Task>)(() => good)).Should().ThrowAsync<SqliteException>("it shared the refused put's transaction");
        await ((Func<Task>)(() => poison)).Should().ThrowAsync<SqliteException>();
        (await store.QueryAsync("good", SortKeyRange.All, 10, null, descending: false, CancellationToken.None)).Records.Should().BeEmpty("a transaction is all or nothing");

        await store.PutAsync("good", [Record(1, 1)], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        (await store.QueryAsync("good", SortKeyRange.All, 10, null, descending: false, CancellationToken.None)).Records.Should().ContainSingle();
    }

    [Fact]
    public async Task A_put_cancelled_while_it_waits_for_the_turn_is_not_written()
    {
        using var provider = await ProviderAsync();
        var store = (SqliteSortedRecordStore)provider.SortedRecords;
        using var otherWriter = new SqliteConnectionFactory(provider.DatabasePath);
        var turn = await otherWriter.OpenForWriteAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var cancelled = store.PutAsync("cancelled", [Record(1, 1)], cancel.Token);
        var kept = store.PutAsync("kept", [Record(1, 2)], CancellationToken.None);
        await cancel.CancelAsync();
        await ((Func<Task>)(() => cancelled)).Should().ThrowAsync<OperationCanceledException>();
        await turn.DisposeAsync();
        await kept.WaitAsync(TimeSpan.FromSeconds(30));

        (await store.QueryAsync("cancelled", SortKeyRange.All, 10, null, descending: false, CancellationToken.None)).Records.Should().BeEmpty();
        (await store.QueryAsync("kept", SortKeyRange.All, 10, null, descending: false, CancellationToken.None)).Records.Should().ContainSingle();
    }

    public void Dispose() => directory.Dispose();

    private static SortedRecord Record(long sortKey, int marker) => new(sortKey, new byte[] { (byte)marker, 0x7b });

    private async Task<SqliteStorageProvider> ProviderAsync()
    {
        var provider = new SqliteStorageProvider(new SqliteStorageOptions { Path = Path.Combine(directory.Path, "glance.db") });
        await provider.InitializeAsync(CancellationToken.None);
        return provider;
    }

    private static async Task ExecuteAsync(SqliteStorageProvider provider, string sql)
    {
        using var connections = new SqliteConnectionFactory(provider.DatabasePath);
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
