using Glance.Detection.Local.Objects;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Objects;

/// <summary>The CenterNet network, loaded once for the object tests (it is immutable and thread-safe), and a photo decoder.</summary>
public sealed class CenterNetFixture
{
    private readonly Lazy<CenterNetNetwork> network = new(() => CenterNetNetwork.Load(ObjectTestFiles.CenterNetModel));
    private readonly Lazy<CenterNetNetwork> graphNetwork = new(() => CenterNetNetwork.Load(ObjectTestFiles.CenterNetModel, ObjectEngine.Graph));
    private readonly FfmpegImageCodec codec = new(Options.Create(new FfmpegOptions()));

    /// <summary>The network as hosts load it by default (<see cref="ObjectDetectionOptions.Engine"/>).</summary>
    public CenterNetNetwork Network => network.Value;

    /// <summary>The whole network on the graph executor, the reference for the ONNX Runtime engine.</summary>
    public CenterNetNetwork GraphNetwork => graphNetwork.Value;

    public FfmpegImageCodec Codec => codec;

    /// <summary>The reference entry of the photo named <paramref name="name"/> and the photo, decoded.</summary>
    internal async Task<(ObjectReferenceImage Reference, RgbImage Image)> DecodeReferenceAsync(ObjectReference reference, string name)
    {
        var entry = reference.Images.Single(i => i.Name == name);
        return (entry, await DecodeAsync(ObjectTestFiles.Photo(entry.Source, entry.Name)));
    }

    /// <summary>Decodes a photo with ffmpeg exactly as the reference script does (no scaling).</summary>
    public Task<RgbImage> DecodeAsync(string path) =>
        codec.DecodeAsync(File.ReadAllBytes(path), new ImageDecodeLimits(), CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class CenterNetCollection : ICollectionFixture<CenterNetFixture>
{
    public const string Name = "CenterNet";
}
