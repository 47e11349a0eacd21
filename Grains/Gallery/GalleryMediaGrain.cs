using Glance.Detection.Local.Classifiers;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Logos;
using Glance.Grains.Interfaces.Gallery;
using Glance.Media.Images;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Gallery;

/// <summary>
/// Image work for gallery uploads, next to the caller. At most <see cref="MaxLocalWorkers"/> run at once per silo, so
/// that a burst of uploads or a large training set cannot take every core from segment analysis.
/// </summary>
[StatelessWorker(MaxLocalWorkers)]
[GrainType("gallery-media")]
public sealed class GalleryMediaGrain(
    LocalFaceDetector faces,
    LogoUploadPreparer logos,
    ImageClassifierTrainer trainer,
    FfmpegImageCodec codec,
    IOptions<GalleryOptions> options) : Grain, IGalleryMediaGrain
{
    public const int MaxLocalWorkers = 2;

    public Task<IReadOnlyList<float[]>> DescribeFacesAsync(IReadOnlyList<ImageUpload> images, CancellationToken cancellationToken = default) =>
        GalleryMedia.DescribeFacesAsync(faces, images, options.Value, cancellationToken);

    public async Task<LogoPicture> PrepareLogoAsync(ImageUpload image, int? widthOnAir, CancellationToken cancellationToken = default)
    {
        var template = await GalleryMedia.PrepareLogoAsync(logos, image, widthOnAir, cancellationToken);
        return new LogoPicture(template.Width, template.Height, template.Pixels);
    }

    public Task<ClassifierModel> TrainClassifierAsync(string classifierId, IReadOnlyList<LabelledUpload> examples, CancellationToken cancellationToken = default) =>
        GalleryMedia.TrainClassifierAsync(trainer, codec, classifierId, examples, options.Value, cancellationToken);
}
