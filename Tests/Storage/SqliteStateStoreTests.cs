using Glance.Tests.Infrastructure;
using Glance.Storage;
using Glance.Storage.Sqlite;

namespace Glance.Tests.Storage;

public sealed class SqliteStateStoreTests : StateStoreConformanceTests
{
    private readonly TemporaryDirectory directory = new();

    protected override Task<IStorageProvider> CreateProviderAsync() =>
        Task.FromResult<IStorageProvider>(new SqliteStorageProvider(new SqliteStorageOptions { Path = Path.Combine(directory.Path, "glance.db") }));

    protected override async Task DisposeProviderAsync(IStorageProvider created)
    {
        await base.DisposeProviderAsync(created);
        directory.Dispose();
    }
}
