using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Detection;

/// <summary>The one way every detector family, local or Rekognition, registers a detector.</summary>
public static class DetectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TDetector"/> as a singleton, resolvable as itself (other parts of its family use it
    /// directly) and among the <see cref="IFrameDetector"/>s the pipeline enumerates, both the same instance. Idempotent,
    /// so a family may add a detector another family also adds.
    /// </summary>
    public static IServiceCollection AddFrameDetector<TDetector>(this IServiceCollection services)
        where TDetector : class, IFrameDetector
    {
        services.TryAddSingleton<TDetector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFrameDetector, TDetector>(provider => provider.GetRequiredService<TDetector>()));
        return services;
    }
}
