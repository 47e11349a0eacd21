using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Glance.Detection.Local.Text;

/// <summary>
/// What Tesseract read in a cleaned line crop, by the crop's exact pixels (a SHA-256, so two different crops never
/// share an entry). Bounded: when full it starts over, which costs a few re-reads and nothing else.
/// </summary>
internal sealed class ReadCropCache(int capacity)
{
    private readonly ConcurrentDictionary<UInt128, IReadOnlyList<TesseractWord>> entries = new();

    public static UInt128 KeyOf(LineCrop crop)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> size = stackalloc byte[8];
        BitConverter.TryWriteBytes(size, crop.Image.Width);
        BitConverter.TryWriteBytes(size[4..], crop.Image.Height);
        sha.AppendData(size);
        sha.AppendData(crop.Image.Pixels);
        sha.GetHashAndReset(hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    public IReadOnlyList<TesseractWord>? Get(UInt128 key) => capacity > 0 && entries.TryGetValue(key, out var words) ? words : null;

    public void Put(UInt128 key, IReadOnlyList<TesseractWord> words)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (entries.Count >= capacity)
        {
            entries.Clear();
        }

        entries[key] = words;
    }
}
