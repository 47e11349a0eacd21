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

    public static FaceModels Models => LazyModels.Value;

    public static FfmpegImageCodec Codec { get; } = new(Options.Create(new FfmpegOptions()));

    public static FaceAnalyzer Analyzer(LocalModelOptions? options = null) => new(Models, Options.Create(options ?? new LocalModelOptions()));

    public static Task<RgbImage> DecodeAsync(string path, int? maxLongSide) =>
        Codec.DecodeAsync(File.ReadAllBytes(path), new ImageDecodeLimits(MaxLongSide: maxLongSide), CancellationToken.None);
}
