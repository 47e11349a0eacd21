using System.Buffers;
using System.Text.RegularExpressions;
using Glance.Grains.Interfaces.Gallery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Glance.Api.Endpoints;

/// <summary>
/// Reads gallery uploads as they stream in: multipart/form-data (fields and image files) or JSON with base64 images,
/// within the gallery's bounds (count and size of images and fields), before anything reaches a grain.
/// </summary>
internal static partial class GalleryUploadReader
{
    public const string Json = "application/json";
    public const string Multipart = "multipart/form-data";

    /// <summary>Text fields of a multipart upload (names, labels, numbers) are short and few.</summary>
    public const int MaxTextFields = 8;

    private const int MaxTextFieldBytes = 4 * 1024;

    internal static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals(Multipart, StringComparison.OrdinalIgnoreCase);

    internal static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException($"Send the upload as {Json} (images in base64) or as {Multipart} (image files).", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<T>(options, cancellationToken) ?? throw new ValidationFailedException("body", "The body is empty.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The JSON body cannot be read.", StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>Base64 images from a JSON body, checked against the same bounds as multipart files.</summary>
    internal static List<ImageUpload> JsonImages(IReadOnlyList<byte[]?> images, string field, int maxImages, GalleryOptions settings)
    {
        if (images.Count > maxImages)
        {
            throw new ValidationFailedException(field, $"At most {maxImages} images are accepted in one request; {images.Count} were given.");
        }

        var uploads = new List<ImageUpload>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var name = $"{field}[{i}]";
            var image = images[i] is { Length: > 0 } bytes ? bytes : throw new ValidationFailedException(name, "The image is empty.");
            if (image.Length > settings.MaxImageBytes)
            {
                throw TooLarge(name, settings.MaxImageBytes);
            }

            uploads.Add(new ImageUpload(name, image));
        }

        return uploads;
    }

    internal static List<LabelledUpload> MultipartExamples(MultipartUpload form, int maxExamples)
    {
        var labels = new SortedDictionary<int, string>();
        foreach (var (field, value) in form.Fields)
        {
            if (field == "name")
            {
                continue;
            }

            labels[ExampleIndex(field, "label", maxExamples)] = value;
        }

        var images = new SortedDictionary<int, ImageUpload>();
        foreach (var file in form.Files)
        {
            images[ExampleIndex(file.Field, "image", maxExamples)] = file;
        }

        var unmatched = labels.Keys.Except(images.Keys).Concat(images.Keys.Except(labels.Keys)).Order().Take(3).ToList();
        if (unmatched.Count > 0)
        {
            throw new ValidationFailedException("examples", $"Every example needs both examples[i].label and examples[i].image; incomplete: {string.Join(", ", unmatched.Select(i => $"examples[{i}]"))}.");
        }

        return [.. images.Select(p => new LabelledUpload(p.Value.Field, labels[p.Key], p.Value.Content))];
    }

    private static int ExampleIndex(string field, string part, int maxExamples)
    {
        var match = ExampleField().Match(field);
        if (!match.Success || match.Groups[2].Value != part)
        {
            throw new ValidationFailedException(field, $"Unexpected field '{field}': expected name, examples[i].label (text) and examples[i].image (file).");
        }

        var index = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        return index < maxExamples
            ? index
            : throw new ValidationFailedException(field, $"Examples are numbered from 0 to {maxExamples - 1}.");
    }

    /// <summary>
    /// Reads a multipart/form-data body as it streams in, without temporary files: at most <paramref name="maxTextFields"/>
    /// text fields of up to 4 KB, and at most <paramref name="maxFiles"/> files of at most <see cref="GalleryOptions.MaxImageBytes"/> each.
    /// </summary>
    internal static async Task<MultipartUpload> ReadMultipartAsync(HttpRequest request, int maxFiles, int maxTextFields, GalleryOptions settings, CancellationToken cancellationToken)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new ValidationFailedException("body", "A multipart/form-data body needs a boundary of at most 200 characters.");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<ImageUpload>();
        var filesPerField = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 and <= 100 } name)
                {
                    throw new ValidationFailedException("body", "Every part needs 'Content-Disposition: form-data' with a name of at most 100 characters.");
                }

                if (disposition.IsFileDisposition())
                {
                    if (files.Count == maxFiles)
                    {
                        throw new ValidationFailedException(name, $"At most {maxFiles} image{(maxFiles == 1 ? " is" : "s are")} accepted in one request.");
                    }

                    var bare = name.EndsWith("[]", StringComparison.Ordinal) ? name[..^2] : name;
                    var ordinal = filesPerField[bare] = filesPerField.GetValueOrDefault(bare) + 1;
                    var field = bare.Contains('[', StringComparison.Ordinal) || maxFiles == 1 ? bare : $"{bare}[{ordinal - 1}]";
                    var content = await ReadBoundedAsync(section.Body, settings.MaxImageBytes, () => TooLarge(field, settings.MaxImageBytes), cancellationToken);
                    files.Add(new ImageUpload(field, content));
                }
                else
                {
                    if (fields.Count == maxTextFields || fields.ContainsKey(name))
                    {
                        throw new ValidationFailedException(name, fields.ContainsKey(name) ? $"The field '{name}' is given twice." : "Too many text fields.");
                    }

                    var text = await ReadBoundedAsync(
                        section.Body,
                        MaxTextFieldBytes,
                        () => new ValidationFailedException(name, $"A text field holds at most {MaxTextFieldBytes} bytes."),
                        cancellationToken);
                    fields[name] = Encoding.UTF8.GetString(text);
                }
            }
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw new ValidationFailedException("body", $"The multipart body is malformed: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new ValidationFailedException("body", $"The multipart body is malformed: {e.Message}");
        }

        return new MultipartUpload(fields, files);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, int maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (content.Length + read > maxBytes)
                {
                    throw tooLarge();
                }

                content.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return content.ToArray();
    }

    private static BadHttpRequestException TooLarge(string field, int maxBytes) =>
        new($"The image in '{field}' is larger than {maxBytes:N0} bytes, the most accepted per image.", StatusCodes.Status413PayloadTooLarge);

    [GeneratedRegex(@"^examples\[(\d{1,4})\]\.(label|image)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExampleField();

    internal sealed record MultipartUpload(IReadOnlyDictionary<string, string> Fields, IReadOnlyList<ImageUpload> Files)
    {
        public string? Text(string name) => Fields.GetValueOrDefault(name);

        /// <summary>Refuses fields the endpoint does not know, so that a misspelt field is an error rather than ignored.</summary>
        public void AllowOnly(IReadOnlyCollection<string> textFields, IReadOnlyCollection<string> fileFields)
        {
            var expected = $"expected {string.Join(", ", textFields)} (text) and {string.Join(", ", fileFields)} (file)";
            foreach (var field in Fields.Keys.Where(f => !textFields.Contains(f)))
            {
                throw new ValidationFailedException(field, $"Unexpected field '{field}': {expected}.");
            }

            foreach (var file in Files.Where(f => !fileFields.Any(allowed => f.Field == allowed || f.Field.StartsWith(allowed.TrimEnd('[', ']') + "[", StringComparison.Ordinal))))
            {
                throw new ValidationFailedException(file.Field, $"Unexpected file '{file.Field}': {expected}.");
            }
        }
    }
}
