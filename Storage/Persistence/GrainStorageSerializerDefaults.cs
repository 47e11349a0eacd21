using Orleans.Storage;

namespace Glance.Storage.Persistence;

/// <summary>
/// Fills in a storage provider's serializer when configuration left it unset: one registered for the provider's name
/// wins (as in Orleans), otherwise <see cref="JsonGrainStorageSerializer"/>. Orleans itself would fall back to its
/// binary serializer; we want state readable in a store console.
/// </summary>
public sealed class GrainStorageSerializerDefaults<TOptions>(IServiceProvider services) : IPostConfigureOptions<TOptions>
    where TOptions : class, IStorageProviderSerializerOptions
{
    public void PostConfigure(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GrainStorageSerializer is not null)
        {
            return;
        }

        options.GrainStorageSerializer = (name is null ? null : services.GetKeyedService<IGrainStorageSerializer>(name))
            ?? new JsonGrainStorageSerializer();
    }
}
