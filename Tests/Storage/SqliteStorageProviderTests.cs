using Glance.Storage;
using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Glance.Tests.Storage;

/// <summary>What only the file-backed store has: persistence across reopening, and several providers on one file.</summary>
public sealed class SqliteStorageProviderTests : IDisposable
{

    private readonly TemporaryDirectory directory = new();
    private readonly List<SqliteStorageProvider> providers = [];

    private string DatabasePath => Path.Combine(directory.Path, "glance.db");

    public void Dispose()
    {
        foreach (var provider in providers)
        {
            provider.Dispose();
        }

        directory.Dispose();
    }

    [Fact]
    public async Task Everything_survives_closing_and_reopening_the_file()
    {
        var first = await OpenAsync(DatabasePath);
        var etag = await first.GrainState.WriteAsync("Event", "e1", "state"u8.ToArray(), null, CancellationToken.None);
        await first.SortedRecords.PutAsync("timeline", [new SortedRecord(7, "seven"u8.ToArray())], CancellationToken.None);
        first.Dispose();

        var reopened = await OpenAsync(DatabasePath);

        var state = await reopened.GrainState.ReadAsync("Event", "e1", CancellationToken.None);
        state!.ETag.Should().Be(etag);
        state.Data.ToArray().Should().Equal("state"u8.ToArray());
        var page = await reopened.SortedRecords.QueryAsync("timeline", SortKeyRange.All, 10, null, false, CancellationToken.None);
        page.Records.Should().ContainSingle().Which.SortKey.Should().Be(7);
    }

    [Fact]
    public async Task Two_providers_on_one_file_see_each_others_writes_and_lose_conditional_races_correctly()
    {
        var siloA = await OpenAsync(DatabasePath);
        var siloB = await OpenAsync(DatabasePath);
        var etag = await siloA.GrainState.WriteAsync("Event", "e1", "a1"u8.ToArray(), null, CancellationToken.None);

        var readByB = await siloB.GrainState.ReadAsync("Event", "e1", CancellationToken.None);
        var newer = await siloA.GrainState.WriteAsync("Event", "e1", "a2"u8.ToArray(), etag, CancellationToken.None);
        var staleWrite = () => siloB.GrainState.WriteAsync("Event", "e1", "b1"u8.ToArray(), readByB!.ETag, CancellationToken.None);

        readByB!.ETag.Should().Be(etag);
        (await staleWrite.Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be(newer);

        for (var round = 0; round < 20; round++)
        {
            var current = (await siloA.GrainState.ReadAsync("Event", "e1", CancellationToken.None))!.ETag;
            var results = await Task.WhenAll(
                Task.Run(() => TryWriteAsync(siloA, current)),
                Task.Run(() => TryWriteAsync(siloB, current)));
            results.Count(won => won).Should().Be(1, "round {0}", round);
        }
    }

    [Fact]
    public async Task Initializing_creates_missing_folders_and_is_idempotent_even_when_concurrent()
    {
        var nested = Path.Combine(directory.Path, "a", "b", "glance.db");
        var first = Create(nested);
        var second = Create(nested);

        await Task.WhenAll(Task.Run(() => first.InitializeAsync(CancellationToken.None)), Task.Run(() => second.InitializeAsync(CancellationToken.None)));
        await first.InitializeAsync(CancellationToken.None);

        File.Exists(nested).Should().BeTrue();
        await first.CheckHealthAsync(CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={nested};Pooling=False");
        await connection.OpenAsync();
        (await ScalarAsync(connection, "PRAGMA journal_mode;")).Should().Be("wal");
        (await ScalarAsync(connection, "SELECT version FROM schema_version;")).Should().Be(1L);
    }

    [Fact]
    public async Task A_relative_path_is_resolved_under_the_given_base_directory()
    {
        var provider = new SqliteStorageProvider(new SqliteStorageOptions { Path = "data/glance.db" }, directory.Path);
        providers.Add(provider);

        await provider.InitializeAsync(CancellationToken.None);

        provider.DatabasePath.Should().Be(Path.Combine(directory.Path, "data", "glance.db"));
        File.Exists(provider.DatabasePath).Should().BeTrue();
    }

    [Fact]
    public async Task The_health_check_fails_clearly_before_initialization()
    {
        var provider = Create(DatabasePath);

        var act = () => provider.CheckHealthAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("InitializeAsync");
    }

    [Fact]
    public async Task A_file_written_by_a_newer_schema_is_refused()
    {
        await OpenAsync(DatabasePath);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        var act = () => Create(DatabasePath).InitializeAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("schema version 99");
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<bool> TryWriteAsync(IStorageProvider provider, string etag)
    {
        try
        {
            await provider.GrainState.WriteAsync("Event", "e1", "race"u8.ToArray(), etag, CancellationToken.None);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private SqliteStorageProvider Create(string path)
    {
        var provider = new SqliteStorageProvider(new SqliteStorageOptions { Path = path });
        providers.Add(provider);
        return provider;
    }

    private async Task<SqliteStorageProvider> OpenAsync(string path)
    {
        var provider = Create(path);
        await provider.InitializeAsync(CancellationToken.None);
        return provider;
    }
}
