using Glance.Detection.Local.Classifiers;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Logos;
using Glance.Inference.Nn;
using Glance.Media.Images;
using Microsoft.Extensions.DependencyInjection;
namespace Glance.Grains.Gallery;

/// <summary>
/// A gallery job's work: turns the upload's images into what the item stores, with the detectors' own networks, and
/// writes the item; the one place that knows which item grain holds each kind made from images. The detectors are resolved when a job needs them, so a logo job does not load the face networks.
/// </summary>
public sealed class GalleryWork(IServiceProvider services, IGrainFactory grains, IOptions<GalleryOptions> options)
{
    /// <param name="uploadedAt">When the upload was submitted: the item refuses it if it holds data from a later one.</param>
    /// <returns>The item's revision after the write.</returns>
    /// <exception cref="ValidationFailedException">The images cannot make the item (no face, not a usable logo, too few examples, ...).</exception>
    /// <exception cref="ResourceConflictException">The tenant's gallery is full, or the item holds data from a later upload.</exception>
    public async Task<long> ApplyAsync(string tenantId, GalleryUpload upload, DateTimeOffset uploadedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var key = ResourceId.Scoped(tenantId, upload.ItemId);
        var settings = options.Value;

        // One job, one core: the networks' layers would otherwise spread over every core and slow live analysis.
        using var oneCore = NnParallel.Limit(1);
        switch (upload.Kind)
        {
            case GalleryKind.Person:
                var descriptors = await GalleryMedia.DescribeFacesAsync(services.GetRequiredService<LocalFaceDetector>(), upload.Images, settings, cancellationToken);
                return await PutAsync(grains.GetGrainByKey<IPersonGrain>(key), new PersonDefinition(upload.Name, descriptors), uploadedAt, cancellationToken);
            case GalleryKind.Logo:
                var template = await GalleryMedia.PrepareLogoAsync(services.GetRequiredService<LogoUploadPreparer>(), upload.Images[0], upload.WidthOnAir, cancellationToken);
                var picture = new LogoPicture(template.Width, template.Height, template.Pixels);
                return await PutAsync(grains.GetGrainByKey<ILogoGrain>(key), new LogoDefinition(upload.Name, picture), uploadedAt, cancellationToken);
            case GalleryKind.Classifier:
                var examples = upload.Images.Select((image, i) => new LabelledUpload(image.Field, upload.Labels[i], image.Content)).ToList();
                var model = await GalleryMedia.TrainClassifierAsync(
                    services.GetRequiredService<ImageClassifierTrainer>(), services.GetRequiredService<FfmpegImageCodec>(), upload.ItemId, examples, settings, cancellationToken);
                return await PutAsync(grains.GetGrainByKey<IClassifierGrain>(key), new ClassifierDefinition(upload.Name, model), uploadedAt, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(upload), upload.Kind, "Only people, logos and classifiers are made from images.");
        }
    }

    /// <returns>The item's revision now (0 when it does not exist): a job's upload runs again when the item changed since.</returns>
    public Task<long> RevisionAsync(string tenantId, GalleryKind kind, string itemId, CancellationToken cancellationToken)
    {
        var key = ResourceId.Scoped(tenantId, itemId);
        return kind switch
        {
            GalleryKind.Person => grains.GetGrainByKey<IPersonGrain>(key).GetRevisionAsync(cancellationToken),
            GalleryKind.Logo => grains.GetGrainByKey<ILogoGrain>(key).GetRevisionAsync(cancellationToken),
            GalleryKind.Classifier => grains.GetGrainByKey<IClassifierGrain>(key).GetRevisionAsync(cancellationToken),
            _ => Task.FromResult(0L),
        };
    }

    private static async Task<long> PutAsync<TDefinition, TView, TKnown>(
        IGalleryItemGrain<TDefinition, TView, TKnown> item, TDefinition definition, DateTimeOffset uploadedAt, CancellationToken cancellationToken)
        where TView : class
        where TKnown : class
    {
        await item.PutAsync(definition, uploadedAt, cancellationToken);
        return await item.GetRevisionAsync(cancellationToken);
    }
}
