namespace Glance.Media.Scte35;

/// <summary>Big-endian bit writer, the counterpart of <see cref="Scte35BitReader"/>; values wider than their field are refused.</summary>
internal sealed class Scte35BitWriter
{
    private readonly List<byte> bytes = [];
    private int pending;
    private int pendingBits;

    /// <summary>Whole bytes written so far; only meaningful when <see cref="IsAligned"/>.</summary>
    public int ByteCount => bytes.Count;

    public bool IsAligned => pendingBits == 0;

    public Scte35BitWriter Bits(ulong value, int count, string field)
    {
        if (count < 64 && value >> count != 0)
        {
            throw new ArgumentOutOfRangeException(field, value, $"{field} does not fit in {count} bits.");
        }

        for (var i = count - 1; i >= 0; i--)
        {
            pending = (pending << 1) | (int)((value >> i) & 1);
            if (++pendingBits == 8)
            {
                bytes.Add((byte)pending);
                pending = 0;
                pendingBits = 0;
            }
        }

        return this;
    }

    public Scte35BitWriter Flag(bool value) => Bits(value ? 1UL : 0UL, 1, "flag");

    /// <summary>Reserved bits: SCTE 35 sets them to 1.</summary>
    public Scte35BitWriter Reserved(int count) => Bits((1UL << count) - 1, count, "reserved");

    public Scte35BitWriter Byte(int value, string field) => Bits((ulong)value, 8, field);

    public Scte35BitWriter Bytes(ReadOnlySpan<byte> data)
    {
        if (!IsAligned)
        {
            throw new InvalidOperationException("Bytes written at a bit offset (internal).");
        }

        foreach (var b in data)
        {
            bytes.Add(b);
        }

        return this;
    }

    public byte[] ToArray() => IsAligned ? [.. bytes] : throw new InvalidOperationException($"{pendingBits} bits do not make a whole byte (internal).");
}
