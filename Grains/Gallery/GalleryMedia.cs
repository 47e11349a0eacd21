using Glance.Detection.Local.Classifiers;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Logos;
using Glance.Media.Frames;
using Glance.Media.Images;

namespace Glance.Grains.Gallery;

/// <summary>
/// Turns uploaded images into what the gallery stores, with the detectors' own tools: face descriptors, logo
/// templates, trained classifier models. Images are decoded within <see cref="GalleryOptions"/>' bounds and never kept.
/// Every unusable upload is reported as a <see cref="ValidationFailedException"/> naming its field and the reason.
/// </summary>
internal static class GalleryMedia
{
    /// <summary>One descriptor per image: the largest face's.</summary>
    /// <exception cref="ValidationFailedException">Too many images, or an image is not decodable or shows no usable face.</exception>
    public static async Task<IReadOnlyList<float[]>> DescribeFacesAsync(
        LocalFaceDetector faces, IReadOnlyList<ImageUpload> images, GalleryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        RequireCount("images", images.Count, options.MaxReferenceImages, "reference images");
        var rules = new GalleryRules();
        var descriptors = new List<float[]>(images.Count);
        foreach (var image in images)
        {
            try
            {
                descriptors.Add(await faces.DescribeReferenceImageAsync(image.Content, Limits(options), cancellationToken));
            }
            catch (ImageFormatException e)
            {
                rules.Fail(image.Field, $"Not a usable image: {e.Message}");
            }
            catch (NoFaceFoundException e)
            {
                rules.Fail(image.Field, e.Message);
            }
        }

        rules.ThrowIfAny();
        return descriptors;
    }

    /// <summary>The logo's template, resized to its on-air width when given.</summary>
    /// <exception cref="ValidationFailedException">The image is not decodable or cannot serve as a template.</exception>
    public static async Task<RgbImage> PrepareLogoAsync(
        LogoUploadPreparer preparer, ImageUpload image, int? widthOnAir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preparer);
        ArgumentNullException.ThrowIfNull(image);
        if (widthOnAir is < 1)
        {
            throw new ValidationFailedException("widthOnAir", "The on-air width is a positive number of pixels.");
        }

        try
        {
            return await preparer.PrepareAsync(image.Content, widthOnAir, cancellationToken);
        }
        catch (ImageFormatException e)
        {
            throw new ValidationFailedException(image.Field, $"Not a usable image: {e.Message}");
        }
        catch (LogoTemplateException e)
        {
            throw new ValidationFailedException(image.Field, $"Not a usable logo: {e.Message}");
        }
    }

    /// <summary>Decodes the examples and trains a classifier on them.</summary>
    /// <exception cref="ValidationFailedException">Too many examples, an image is not decodable, or the examples cannot make a classifier.</exception>
    public static async Task<ClassifierModel> TrainClassifierAsync(
        ImageClassifierTrainer trainer,
        FfmpegImageCodec codec,
        string classifierId,
        IReadOnlyList<LabelledUpload> examples,
        GalleryOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        RequireCount("examples", examples.Count, options.MaxClassifierExamples, "examples");
        var rules = new GalleryRules();
        var limits = Limits(options) with { MaxLongSide = options.ClassifierExampleLongSide };
        var labelled = new List<LabelledImage>(examples.Count);
        foreach (var example in examples)
        {
            try
            {
                labelled.Add(new LabelledImage(await codec.DecodeAsync(example.Content, limits, cancellationToken), example.Label));
            }
            catch (ImageFormatException e)
            {
                rules.Fail(example.Field, $"Not a usable image: {e.Message}");
            }
        }

        rules.ThrowIfAny();
        try
        {
            // The trained classifier's id and name are the grain's business; only the classes and the model are kept.
            var result = await trainer.TrainAsync(classifierId, classifierId, labelled, cancellationToken);
            return new ClassifierModel(result.Classifier.Classes, result.Classifier.Model, result.ExamplesPerClass, result.TrainingAccuracy);
        }
        catch (ClassifierTrainingException e)
        {
            throw new ValidationFailedException("examples", e.Message);
        }
    }

    private static ImageDecodeLimits Limits(GalleryOptions options) =>
        new(MaxEncodedBytes: options.MaxImageBytes, MaxSourcePixels: options.MaxImagePixels);

    private static void RequireCount(string field, int count, int max, string what)
    {
        if (count < 1 || count > max)
        {
            throw new ValidationFailedException(field, $"Between 1 and {max} {what} are accepted; {count} were given.");
        }
    }
}
