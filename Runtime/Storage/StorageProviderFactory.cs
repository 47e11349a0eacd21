using Glance.Runtime.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Runtime.Storage;

/// <summary>Builds the configured state store (Storage:Provider).</summary>
public static class StorageProviderFactory
{
    public static IStorageProvider Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        return options.Provider switch
        {
            StorageProviderKind.Memory => new MemoryStorageProvider(clock),
            _ => throw new NotSupportedException($"Storage provider {options.Provider} is not available yet."),
        };
    }
}
