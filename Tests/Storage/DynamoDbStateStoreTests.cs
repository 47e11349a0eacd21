using Glance.Storage;
using Glance.Storage.DynamoDb;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Storage;

/// <summary>The conformance suite against dynalite, each test on its own freshly created tables.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbStateStoreTests(DynaliteFixture dynalite) : StateStoreConformanceTests
{
    protected override Task<IStorageProvider> CreateProviderAsync() =>
        Task.FromResult<IStorageProvider>(new DynamoDbStorageProvider(dynalite.CreateOptions()));
}
