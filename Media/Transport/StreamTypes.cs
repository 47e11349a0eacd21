namespace Glance.Media.Transport;

/// <summary>Classification of PMT stream_type values (ISO/IEC 13818-1 table 2-34, ATSC and SCTE registrations).</summary>
internal static class StreamTypes
{
    public const int Scte35 = 0x86;

    public static bool IsVideo(int streamType) => streamType is 0x01 or 0x02 or 0x10 or 0x1B or 0x20 or 0x24 or 0x25 or 0x33 or 0x42 or 0xD1 or 0xEA;

    public static bool IsAudio(int streamType) => streamType is 0x03 or 0x04 or 0x0F or 0x11 or 0x1C or 0x2D or 0x2E or 0x81 or 0x82 or 0x83 or 0x84 or 0x85 or 0x87;

    /// <summary>Stream types that carry sections or DSM-CC rather than PES packets.</summary>
    public static bool CarriesSections(int streamType) => streamType is 0x05 or 0x0A or 0x0B or 0x0C or 0x0D or Scte35;
}
