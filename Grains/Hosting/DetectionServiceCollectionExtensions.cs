using Glance.Detection;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Objects;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Glance.Detection.Local.Text.PaddleOcr;
using Glance.Detection.Rekognition;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Glance.Grains.Hosting;

public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers every detector: the local family (faces, labels, text, logos, teams, sport; models from the npm packages
    /// scripts/setup installs) and, when "Detection:Rekognition:Enabled" is true, the Amazon Rekognition family; plus the
    /// <see cref="DetectorCatalog"/> that picks them by name.
    /// </summary>
    public static IServiceCollection AddDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FfmpegOptions>().Bind(configuration.GetSection(FfmpegOptions.SectionName));
        services.TryAddSingleton<FfmpegImageCodec>();

        services.AddOptions<LocalTextOptions>().Bind(configuration.GetSection(LocalTextOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalTextOptions>, LocalTextOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<TextMetrics>();
        services.TryAddSingleton<TesseractEngine>();
        services.TryAddSingleton<TesseractTextReader>();

        // Loaded on first use and only for the engine chosen; the container disposes the sessions with the host.
        services.TryAddSingleton(provider => PaddleOcrNetworks.Load(
            provider.GetRequiredService<IOptions<LocalTextOptions>>().Value,
            provider.GetService<IHostEnvironment>()?.ContentRootPath));
        services.TryAddSingleton<PaddleOcrTextReader>();
        services.TryAddSingleton<ITextReader>(provider => provider.GetRequiredService<IOptions<LocalTextOptions>>().Value.Engine switch
        {
            TextEngine.Tesseract => provider.GetRequiredService<TesseractTextReader>(),
            _ => provider.GetRequiredService<PaddleOcrTextReader>(),
        });
        services.TryAddSingleton<TextRecognizer>();
        services.AddSingleton<IFrameDetector, LocalTextDetector>();

        services.AddOptions<LocalLogoOptions>().Bind(configuration.GetSection(LocalLogoOptions.SectionName));
        services.TryAddSingleton<LogoMatcher>();
        services.TryAddSingleton<LogoUploadPreparer>();
        services.AddSingleton<IFrameDetector, LocalLogoDetector>();
        services.AddSingleton<IFrameDetector, LocalTeamDetector>();

        services.AddLocalFaces(configuration);
        services.AddLocalObjectDetection(configuration);
        if (configuration.GetValue<bool>("Detection:Rekognition:Enabled"))
        {
            services.AddRekognitionDetectors(configuration);
        }

        services.TryAddSingleton<DetectorCatalog>();
        return services;
    }
}
