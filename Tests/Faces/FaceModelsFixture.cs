using Glance.Detection.Local.Faces;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Faces;

/// <summary>Loads the face models once for all face tests (they take a moment to read and pack).</summary>
internal static class FaceModelsFixture
{
    private static readonly Lazy<FaceModels> LazyModels = new(() => FaceModels.Load(new LocalModelOptions(), FaceModelFiles.RepositoryRoot));

    private static readonly Lazy<FaceModels> LazyManagedModels = new(() => FaceModels.Load(new LocalModelOptions { Engine = FaceEngine.Managed }, FaceModelFiles.RepositoryRoot));

    /// <summary>The models as hosts load them by default.</summary>
    public static FaceModels Models => LazyModels.Value;

    /// <summary>The landmark and recognition networks on the managed engine, the reference for the default one.</summary>
    public static FaceModels ManagedModels => LazyManagedModels.Value;

    public static FfmpegImageCodec Codec { get; } = new(Options.Create(new FfmpegOptions()));

    public static FaceAnalyzer Analyzer(LocalModelOptions? options = null) => new(Models, Options.Create(options ?? new LocalModelOptions()));

    public static Task<RgbImage> DecodeAsync(string path, int? maxLongSide) =>
        Codec.DecodeAsync(File.ReadAllBytes(path), new ImageDecodeLimits(MaxLongSide: maxLongSide), CancellationToken.None);
}
