using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
namespace Glance.Detection.Local;

/// <summary>How the local family registers the networks its detectors share.</summary>
public static class LocalModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers a network as a singleton, loaded on first use from its options and the host's content root (model paths
    /// may be relative to it); the container disposes it with the host.
    /// </summary>
    public static IServiceCollection AddLocalModel<TModel, TOptions>(this IServiceCollection services, Func<TOptions, string?, TModel> load)
        where TModel : class
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(load);
        services.TryAddSingleton(provider => load(
            provider.GetRequiredService<IOptions<TOptions>>().Value,
            provider.GetService<IHostEnvironment>()?.ContentRootPath));
        return services;
    }
}
