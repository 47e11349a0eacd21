using Glance.Storage;
using Glance.Storage.Memory;

namespace Glance.Tests.Storage;

public sealed class MemoryStateStoreTests : StateStoreConformanceTests
{
    protected override Task<IStorageProvider> CreateProviderAsync() =>
        Task.FromResult<IStorageProvider>(new MemoryStorageProvider());
}
