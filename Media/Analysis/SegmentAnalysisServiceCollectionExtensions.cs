using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Media.Analysis;

public static class SegmentAnalysisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SegmentAnalyzer"/> (stateless, one per process) and binds "Media:SegmentAnalysis". ffmpeg's location
    /// comes from <see cref="Processes.FfmpegOptions"/> ("Media:Ffmpeg"), bound wherever the other ffmpeg users are set up.
    /// </summary>
    public static IServiceCollection AddSegmentAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SegmentAnalysisOptions>().Bind(configuration.GetSection(SegmentAnalysisOptions.SectionName));
        services.AddSingleton<SegmentAnalyzer>();
        return services;
    }
}
