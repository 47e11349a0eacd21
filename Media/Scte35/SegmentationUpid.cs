using System.Text;

namespace Glance.Media.Scte35;

/// <summary>
/// segmentation_upid(): the identifier of the content a segmentation descriptor refers to. <see cref="Value"/> holds the
/// raw bytes; <see cref="Text"/> the characters for the types that are text; <see cref="Parts"/> the members of a MID.
/// </summary>
public sealed record SegmentationUpid(int Type, byte[] Value, IReadOnlyList<SegmentationUpid> Parts)
{
    public const int MidType = 0x0D;

    public string TypeName => NameOf(Type);

    /// <summary>The value as text for ISCI, Ad-ID, TID, ADI, ADS information, URI and SCR; null otherwise.</summary>
    public string? Text => Type is 0x02 or 0x03 or 0x07 or 0x09 or 0x0E or 0x0F or 0x11 ? Encoding.ASCII.GetString(Value) : null;

    public string Hex => Convert.ToHexString(Value);

    public static string NameOf(int type) => type switch
    {
        0x00 => "Not Used",
        0x01 => "User Defined",
        0x02 => "ISCI",
        0x03 => "Ad-ID",
        0x04 => "UMID",
        0x05 => "ISAN (deprecated)",
        0x06 => "ISAN",
        0x07 => "TID",
        0x08 => "TI",
        0x09 => "ADI",
        0x0A => "EIDR",
        0x0B => "ATSC Content Identifier",
        0x0C => "MPU",
        0x0D => "MID",
        0x0E => "ADS Information",
        0x0F => "URI",
        0x10 => "UUID",
        0x11 => "SCR",
        _ => $"Reserved (0x{type:X2})",
    };

    internal static SegmentationUpid Read(int type, ReadOnlySpan<byte> value, int depth)
    {
        if (type != MidType)
        {
            return new SegmentationUpid(type, value.ToArray(), []);
        }

        // A MID is a list of (type, length, upid); a MID inside a MID is not meaningful and is refused.
        if (depth > 0)
        {
            throw new Scte35FormatException("A MID segmentation_upid contains another MID.");
        }

        var parts = new List<SegmentationUpid>();
        var remaining = value;
        while (!remaining.IsEmpty)
        {
            if (remaining.Length < 2)
            {
                throw new Scte35FormatException("A MID segmentation_upid ends inside a member header.");
            }

            var partType = remaining[0];
            var partLength = remaining[1];
            if (partLength > remaining.Length - 2)
            {
                throw new Scte35FormatException($"A MID member claims {partLength} bytes but only {remaining.Length - 2} remain.");
            }

            parts.Add(Read(partType, remaining.Slice(2, partLength), depth + 1));
            remaining = remaining[(2 + partLength)..];
        }

        return new SegmentationUpid(type, value.ToArray(), parts);
    }
}
