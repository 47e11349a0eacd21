using Glance.Detection.Local.Text.PaddleOcr;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
namespace Glance.Detection.Local.Text;

public static class LocalTextServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "local.text" detector: <see cref="LocalTextOptions"/> bound to "Detection:Local:Text" and validated
    /// at start, both engines' readers (PP-OCRv4 networks loaded on first use and only when chosen; Tesseract), the
    /// <see cref="ITextReader"/> the options choose, the shared <see cref="TextRecognizer"/> (teams read through it too)
    /// and the text instruments.
    /// </summary>
    public static IServiceCollection AddLocalText(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalTextOptions>().Bind(configuration.GetSection(LocalTextOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalTextOptions>, LocalTextOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<TextMetrics>();
        services.TryAddSingleton<TesseractEngine>();
        services.TryAddSingleton<TesseractTextReader>();
        services.AddLocalModel<PaddleOcrNetworks, LocalTextOptions>(PaddleOcrNetworks.Load);
        services.TryAddSingleton<PaddleOcrTextReader>();
        services.TryAddSingleton<ITextReader>(provider => provider.GetRequiredService<IOptions<LocalTextOptions>>().Value.Engine switch
        {
            TextEngine.Tesseract => provider.GetRequiredService<TesseractTextReader>(),
            _ => provider.GetRequiredService<PaddleOcrTextReader>(),
        });
        services.TryAddSingleton<TextRecognizer>();
        services.AddFrameDetector<LocalTextDetector>();
        return services;
    }
}
