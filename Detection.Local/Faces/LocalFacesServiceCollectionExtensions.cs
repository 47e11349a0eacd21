using Glance.Media.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Glance.Detection.Local.Faces;

public static class LocalFacesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "local.faces" detector: <see cref="LocalModelOptions"/> bound to "Detection:Local:Faces", the face models
    /// as a singleton (loaded once, checked at host start so a missing install fails fast naming scripts/setup), the
    /// analyzer, and <see cref="LocalFaceDetector"/> as an <see cref="IFrameDetector"/>. Expects
    /// <see cref="FfmpegImageCodec"/> to be registered by the media set-up (it is added here only if missing).
    /// </summary>
    public static IServiceCollection AddLocalFaces(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalModelOptions>()
            .Bind(configuration.GetSection(LocalModelOptions.SectionName))
            .Validate(o => o.FaceDetectorInputSize >= 32 && o.FaceDetectorInputSize % 32 == 0, "Detection:Local:Faces:FaceDetectorInputSize must be a positive multiple of 32.")
            .Validate(o => o.FaceScoreThreshold is > 0 and < 1, "Detection:Local:Faces:FaceScoreThreshold must be between 0 and 1.")
            .Validate(o => Enum.IsDefined(o.FaceDetector), "Detection:Local:Faces:FaceDetector must be BlazeFace or TinyFaceDetector.")
            .Validate(o => Enum.IsDefined(o.Engine), "Detection:Local:Faces:Engine must be OnnxRuntime or Managed.")
            .Validate(o => o.BlazeFaceBoxGrowth is >= 1 and <= 2, "Detection:Local:Faces:BlazeFaceBoxGrowth must be between 1 and 2.")
            .Validate(o => o.FaceInferenceThreads is >= 1 and <= 64, "Detection:Local:Faces:FaceInferenceThreads must be between 1 and 64.")
            .Validate(o => o.SmallFaceTileRows is >= 0 and <= 4, "Detection:Local:Faces:SmallFaceTileRows must be between 0 (off) and 4.")
            .Validate(o => o.SmallFaceTileInputSize >= 32 && o.SmallFaceTileInputSize % 32 == 0, "Detection:Local:Faces:SmallFaceTileInputSize must be a positive multiple of 32.")
            .ValidateOnStart();
        services.AddLocalModel<FaceModels, LocalModelOptions>(FaceModels.Load);
        services.TryAddSingleton<FaceAnalyzer>();
        services.TryAddSingleton<FfmpegImageCodec>();
        services.AddFrameDetector<LocalFaceDetector>();
        services.AddHostedService<FaceModelsStartupCheck>();
        return services;
    }

    /// <summary>Loads the face models when the host starts, so that a missing install stops start-up with a clear message.</summary>
    private sealed class FaceModelsStartupCheck(IServiceProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = provider.GetRequiredService<FaceModels>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
