using Glance.Media.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
namespace Glance.Detection.Rekognition;

public static class RekognitionServiceCollectionExtensions
{
    private const string HttpClientName = "Glance.Rekognition";

    /// <summary>
    /// Registers one <see cref="IFrameDetector"/> per operation enabled in "Detection:Rekognition:Operations", sharing
    /// one client (one request budget) and one JPEG encoder. Credentials come from AWS's default chain.
    /// </summary>
    public static IServiceCollection AddRekognitionDetectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RekognitionOptions.SectionName);
        services.AddOptions<RekognitionOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RekognitionOptions>, RekognitionOptionsValidator>());

        // The client applies its own per-attempt timeout; the handler is recycled to follow DNS changes of the endpoint.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.TryAddSingleton(sp => new RekognitionClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<RekognitionOptions>>()));
        services.TryAddSingleton<FfmpegImageCodec>();
        services.TryAddSingleton<RekognitionImageEncoder>();

        // Which detectors exist is decided at registration: the pipeline enumerates IFrameDetector.
        var operations = section.Get<RekognitionOptions>()?.Operations ?? new RekognitionOptions().Operations;
        AddIf<RekognitionCelebrityDetector>(services, operations, RekognitionOperations.Celebrities);
        AddIf<RekognitionLabelDetector>(services, operations, RekognitionOperations.Labels);
        AddIf<RekognitionTextDetector>(services, operations, RekognitionOperations.Text);
        AddIf<RekognitionCustomLabelDetector>(services, operations, RekognitionOperations.CustomLabels);
        AddIf<RekognitionModerationDetector>(services, operations, RekognitionOperations.Moderation);
        AddIf<RekognitionFaceSearchDetector>(services, operations, RekognitionOperations.Faces);
        return services;
    }

    private static void AddIf<TDetector>(IServiceCollection services, RekognitionOperations enabled, RekognitionOperations operation)
        where TDetector : class, IFrameDetector
    {
        if (enabled.HasFlag(operation))
        {
            services.AddFrameDetector<TDetector>();
        }
    }
}
