using Glance.Detection;
using Glance.Grains.Analysis;
using Glance.Grains.Engagement;
using Glance.Grains.Engagement.Learning;
using Glance.Grains.Events;
using Glance.Grains.Gallery;
using Glance.Grains.Interfaces.Ingest;
using Glance.Grains.Timeline;
using Glance.Grains.Monitoring;
using Glance.Grains.Webhooks;
using Glance.Media.Analysis;
using Glance.Grains.Ingest;
using Glance.Media.Fetching;
using Glance.Media.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
namespace Glance.Grains.Hosting;

public static class GrainServicesExtensions
{
    /// <summary>
    /// What the product's grains need besides the runtime: their options and the services they call: the SSRF-guarded
    /// source fetcher and webhook sender, the segment analysis pipeline (media analysis and the detectors) as the streams' segment handler,
    /// drained when the silo stops.
    /// </summary>
    public static IServiceCollection AddGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.SectionName));
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName));
        services.AddOptions<TimelineOptions>().Bind(configuration.GetSection(TimelineOptions.SectionName));
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName));
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>());
        services.AddOptions<GalleryOptions>().Bind(configuration.GetSection(GalleryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GalleryOptions>, GalleryOptionsValidator>());
        services.TryAddSingleton<GalleryMetrics>();
        services.TryAddSingleton<GalleryJobGate>();
        services.TryAddSingleton<GalleryUploadStore>();
        services.TryAddSingleton<GalleryWork>();
        services.AddOptions<EngagementOptions>().Bind(configuration.GetSection(EngagementOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EngagementOptions>, EngagementOptionsValidator>());
        services.AddOptions<LearningOptions>().Bind(configuration.GetSection(LearningOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LearningOptions>, LearningOptionsValidator>());
        services.TryAddSingleton<LearnerSnapshotCache>();
        services.TryAddSingleton<InstrumentCatalogCache>();
        services.TryAddSingleton<IInstrumentRanker, LearningRanker>();
        services.AddSourceFetching(configuration);
        services.AddWebhookSending(configuration);
        services.AddMetrics();
        services.TryAddSingleton<WebhookMetrics>();
        services.AddSegmentAnalysis(configuration);
        services.AddDetection(configuration);
        services.TryAddSingleton<IngestStartGate>();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<DetectionRunner>();
        services.TryAddSingleton<IDetectionContextSource, GalleryDetectionContextSource>();
        services.TryAddSingleton<SegmentPipeline>();
        services.TryAddSingleton<ISegmentHandler>(sp => sp.GetRequiredService<SegmentPipeline>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SegmentPipelineDrain>();
        return services;
    }
}
