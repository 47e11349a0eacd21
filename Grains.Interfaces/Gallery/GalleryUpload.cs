using System.Security.Cryptography;
using System.Text;
namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// What a gallery upload asks for, as read from the request: the item, its name and its images (reference photos of a
/// person, one logo, or a classifier's labelled examples). The images are turned into descriptors, templates or a
/// model by a <see cref="IGalleryJobGrain"/>, off the request.
/// </summary>
/// <param name="Labels">For a classifier, the class of each image, in the same order; otherwise empty.</param>
/// <param name="WidthOnAir">For a logo, its width in pixels in a 720p frame; otherwise null.</param>
[GenerateSerializer, Immutable]
public sealed record GalleryUpload(
    GalleryKind Kind,
    string ItemId,
    string Name,
    IReadOnlyList<ImageUpload> Images,
    IReadOnlyList<string> Labels,
    int? WidthOnAir = null)
{
    /// <summary>
    /// The job id for this upload: from the client's Idempotency-Key when it sent one, otherwise from the upload's content,
    /// so that a retried request finds the job the first one made. The item is part of it either way.
    /// </summary>
    public string JobId(string? idempotencyKey)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, Kind.ToString());
        Add(hash, ItemId);
        if (idempotencyKey is not null)
        {
            Add(hash, "key");
            Add(hash, idempotencyKey);
        }
        else
        {
            hash.AppendData(ContentHash());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    /// <summary>SHA-256 of everything the work depends on: name, width, and each image with its field and label.</summary>
    public byte[] ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, Name);
        Add(hash, WidthOnAir?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        for (var i = 0; i < Images.Count; i++)
        {
            Add(hash, Images[i].Field);
            Add(hash, i < Labels.Count ? Labels[i] : "-");
            hash.AppendData(BitConverter.GetBytes(Images[i].Content.Length));
            hash.AppendData(Images[i].Content.Span);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.</summary>
    private static void Add(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
