using System.Collections.Concurrent;
using System.Security.Cryptography;
namespace Glance.Detection.Local.Text;

/// <summary>
/// What an OCR engine read (or found) in a picture, by the picture's exact pixels (a SHA-256, so two different crops
/// never share an entry). Bounded: when full it starts over, which costs a few re-reads and nothing else.
/// </summary>
internal sealed class ReadCropCache<TReading>(int capacity)
    where TReading : class
{
    private readonly ConcurrentDictionary<UInt128, TReading> entries = new();

    public static UInt128 KeyOf(LineCrop crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        return KeyOf(crop.Image);
    }

    public static UInt128 KeyOf(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> size = stackalloc byte[8];
        BitConverter.TryWriteBytes(size, image.Width);
        BitConverter.TryWriteBytes(size[4..], image.Height);
        sha.AppendData(size);
        sha.AppendData(image.Pixels);
        sha.GetHashAndReset(hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    public TReading? Get(UInt128 key) => capacity > 0 && entries.TryGetValue(key, out var reading) ? reading : null;

    public void Put(UInt128 key, TReading reading)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (entries.Count >= capacity)
        {
            entries.Clear();
        }

        entries[key] = reading;
    }
}
