using Glance.Media.Images;

namespace Glance.Grains.Gallery;

/// <summary>
/// What can be checked of a gallery upload without decoding an image: the name, the number of images and labels, and
/// each image's format and size from its header. What only the work finds (no face, a flat logo, too few examples of a
/// class) is reported in the job's status instead.
/// </summary>
internal static class GalleryUploadRules
{
    /// <exception cref="ValidationFailedException">A rule is broken; every broken rule is named with its field.</exception>
    public static void Check(GalleryUpload upload, GalleryOptions options)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(options);
        var rules = new GalleryRules();
        rules.RequireText("name", upload.Name, options.MaxNameLength, "A name");
        var (field, max) = upload.Kind switch
        {
            GalleryKind.Person => ("images", options.MaxReferenceImages),
            GalleryKind.Logo => ("image", 1),
            GalleryKind.Classifier => ("examples", options.MaxClassifierExamples),
            _ => throw new ArgumentOutOfRangeException(nameof(upload), upload.Kind, "Only people, logos and classifiers are made from images."),
        };
        if (upload.Images.Count < 1 || upload.Images.Count > max)
        {
            rules.Fail(field, $"Between 1 and {max} images are accepted; {upload.Images.Count} were given.");
        }

        if (upload.Kind == GalleryKind.Classifier && upload.Labels.Count != upload.Images.Count)
        {
            rules.Fail(field, "Every example needs a label.");
        }

        if (upload.WidthOnAir is < 1)
        {
            rules.Fail("widthOnAir", "The on-air width is a positive number of pixels.");
        }

        foreach (var image in upload.Images)
        {
            CheckImage(rules, image, options);
        }

        rules.ThrowIfAny();
    }

    private static void CheckImage(GalleryRules rules, ImageUpload image, GalleryOptions options)
    {
        if (image.Content.Length > options.MaxImageBytes)
        {
            rules.Fail(image.Field, $"The image is {image.Content.Length:N0} bytes; at most {options.MaxImageBytes:N0} are accepted.");
        }
        else if (ImageHeader.Read(image.Content.Span) is not { } header)
        {
            rules.Fail(image.Field, $"Not a usable image: it does not start like a complete {ImageHeader.KnownFormats} file.");
        }
        else if (header.Pixels > options.MaxImagePixels)
        {
            rules.Fail(image.Field, $"Not a usable image: it is {header.Width}x{header.Height} ({header.Pixels:N0} pixels); at most {options.MaxImagePixels:N0} are accepted.");
        }
    }
}
