using Glance.Detection.Local.Classifiers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Detection.Local.Objects;

public static class ObjectDetectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the object network (loaded once, on first use), the "local.labels" and "local.sport" detectors and the
    /// custom classifier trainer, with options from the "Detection:Local:Objects" and "Detection:Local:Classifiers" sections.
    /// </summary>
    public static IServiceCollection AddLocalObjectDetection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<ObjectDetectionOptions>(configuration.GetSection(ObjectDetectionOptions.SectionName));
        services.Configure<ClassifierTrainingOptions>(configuration.GetSection("Detection:Local:Classifiers"));
        services.AddLocalModel<CenterNetNetwork, ObjectDetectionOptions>(CenterNetNetwork.Load);
        services.AddFrameDetector<LocalLabelDetector>();
        services.AddFrameDetector<LocalSportDetector>();
        services.TryAddSingleton<ImageClassifierTrainer>();
        return services;
    }
}
