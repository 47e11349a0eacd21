using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    private readonly TemporaryDirectory directory = new();

    private string DatabasePath => Path.Combine(directory.Path, "state", "glance.db");

    protected override void AddStorage(IServiceCollection services, string name, bool deleteStateOnClear) =>
        services.AddSqliteGrainStorage(name, options =>
        {
            options.DatabasePath = DatabasePath;
            options.DeleteStateOnClear = deleteStateOnClear;
        });

    protected override void DisposeBackingStore()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    [Fact]
    public async Task The_state_is_stored_as_json_a_sqlite_shell_can_read()
    {
        var silo = NewSilo(services => AddStorage(services, ProviderName, deleteStateOnClear: false));
        var storage = (Glance.Storage.Persistence.StateStoreGrainStorage)silo.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(ProviderName);
        await storage.InitializeAsync(Cancel);

        await storage.WriteStateAsync("profile", Orleans.Runtime.GrainId.Create("viewer", "json"), new TestGrainState<Profile> { State = new Profile { Name = "Ada", Segment = Segment.News } }, Cancel);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_type, grain_key, CAST(data AS TEXT) FROM grain_state;";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        (await reader.ReadAsync(Cancel)).Should().BeTrue();
        reader.GetString(0).Should().Be("profile@viewer");
        reader.GetString(1).Should().Be("viewer/json");
        reader.GetString(2).Should().Contain("\"name\":\"Ada\"").And.Contain("\"segment\":\"News\"");
    }
}
