namespace Glance.Media.Scte35;

/// <summary>Big-endian bit reader over a bounded span; running past the end is a <see cref="Scte35FormatException"/>.</summary>
internal ref struct Scte35BitReader
{
    private readonly ReadOnlySpan<byte> data;
    private readonly string context;
    private int bitPosition;

    public Scte35BitReader(ReadOnlySpan<byte> data, string context)
    {
        this.data = data;
        this.context = context;
        bitPosition = 0;
    }

    public readonly int BytePosition => bitPosition >> 3;

    public readonly int RemainingBytes => data.Length - ((bitPosition + 7) >> 3);

    public ulong ReadBits(int count)
    {
        if (count > data.Length * 8 - bitPosition)
        {
            throw new Scte35FormatException($"{context} is truncated: needed {count} more bits at byte {bitPosition >> 3} of {data.Length}.");
        }

        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            var bit = (data[bitPosition >> 3] >> (7 - (bitPosition & 7))) & 1;
            value = (value << 1) | (uint)bit;
            bitPosition++;
        }

        return value;
    }

    public bool ReadFlag() => ReadBits(1) != 0;

    public int ReadByte() => (int)ReadBits(8);

    public int ReadUInt16() => (int)ReadBits(16);

    public uint ReadUInt32() => (uint)ReadBits(32);

    public void Skip(int bits) => ReadBits(bits);

    /// <summary>The next <paramref name="count"/> whole bytes; the reader must be byte aligned.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((bitPosition & 7) != 0)
        {
            throw new Scte35FormatException($"{context}: byte field read at a bit offset (internal).");
        }

        if (count < 0 || count > RemainingBytes)
        {
            throw new Scte35FormatException($"{context} is truncated: needed {count} bytes at byte {BytePosition} of {data.Length}.");
        }

        var slice = data.Slice(BytePosition, count);
        bitPosition += count * 8;
        return slice;
    }
}
