using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// Turns uploaded images into what the gallery stores, with the detectors' own networks: face descriptors, logo
/// templates, trained classifier models. A stateless worker: it runs on the silo that calls it (the uploads do not
/// cross the cluster) and a bounded number run at once per silo. Images are decoded within the gallery's bounds and
/// never kept; every unusable upload fails the call with a <see cref="Common.ValidationFailedException"/> naming its
/// field and the reason. Any key will do: use 0.
/// </summary>
public interface IGalleryMediaGrain : IGrainWithIntegerKey
{
    /// <summary>One descriptor per image: its largest face's.</summary>
    Task<IReadOnlyList<float[]>> DescribeFacesAsync(IReadOnlyList<ImageUpload> images, CancellationToken cancellationToken = default);

    /// <summary>The logo's template, resized to its on-air width when one is given.</summary>
    Task<LogoPicture> PrepareLogoAsync(ImageUpload image, int? widthOnAir, CancellationToken cancellationToken = default);

    /// <summary>Decodes the examples and trains a classifier on them.</summary>
    /// <remarks>Embedding a hundred examples takes tens of seconds on a busy machine: longer than a grain call may usually.</remarks>
    [ResponseTimeout("00:05:00")]
    Task<ClassifierModel> TrainClassifierAsync(string classifierId, IReadOnlyList<LabelledUpload> examples, CancellationToken cancellationToken = default);
}
