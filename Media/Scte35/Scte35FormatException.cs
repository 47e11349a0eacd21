namespace Glance.Media.Scte35;

/// <summary>A splice_info_section that cannot be decoded: truncated, inconsistent lengths, bad CRC or bad encoding.</summary>
public sealed class Scte35FormatException : FormatException
{
    public Scte35FormatException(string message)
        : base(message)
    {
    }

    public Scte35FormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
