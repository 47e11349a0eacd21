namespace Glance.Media.Hls;

/// <summary>
/// The codes of <see cref="PlaylistWarning"/>. They are part of the output contract (<c>inspect playlist</c> JSON, the
/// ingest status): rename none, add new ones.
/// </summary>
public static class PlaylistWarningCodes
{
    /// <summary>Section 4.1: no byte order mark. It is skipped.</summary>
    public const string ByteOrderMark = "byte-order-mark";

    /// <summary>Section 4.3.1.1: #EXTM3U must be the first line. Blank lines before it are skipped.</summary>
    public const string HeaderNotFirstLine = "header-not-first-line";

    /// <summary>Section 4.1: no white space outside the elements that allow it. It is trimmed.</summary>
    public const string LineWhitespace = "line-whitespace";

    /// <summary>Section 4.1: lines end with LF or CRLF. A lone CR is read as a line end.</summary>
    public const string LineEndingCr = "line-ending-cr";

    /// <summary>Section 4.3.2.1: "#EXTINF:&lt;duration&gt;,[&lt;title&gt;]". The duration is read without the comma.</summary>
    public const string ExtinfMissingComma = "extinf-missing-comma";

    /// <summary>Section 4.3.2.1: text after the duration before the comma. The leading decimal number is the duration.</summary>
    public const string ExtinfTrailingText = "extinf-trailing-text";

    /// <summary>Section 4.3.2.1: one EXTINF per segment. The later one wins, as in hls.js.</summary>
    public const string ExtinfRepeated = "extinf-repeated";

    /// <summary>Section 4.3.2.1: EXTINF is required for each segment. The target duration stands in.</summary>
    public const string ExtinfMissing = "extinf-missing";

    /// <summary>Section 4.3.2: segment tags apply to the next URI. Tags left without one at the end are dropped.</summary>
    public const string ExtinfWithoutUri = "extinf-without-uri";

    /// <summary>Section 4.3.3.1: a segment's duration, rounded, must not exceed the target duration. Kept as written.</summary>
    public const string ExtinfExceedsTargetDuration = "extinf-exceeds-target-duration";

    /// <summary>Section 4.3.3.1: EXT-X-TARGETDURATION is a decimal integer. A decimal number is rounded up.</summary>
    public const string TargetDurationNotInteger = "target-duration-not-integer";

    /// <summary>
    /// Section 4.3.3.1: EXT-X-TARGETDURATION is required. Only a playlist without segments is read without one (six
    /// seconds stand in); with segments it is refused.
    /// </summary>
    public const string TargetDurationMissing = "target-duration-missing";

    /// <summary>
    /// Section 4.3.2.2: a byte range without an offset continues the previous segment's sub-range of the same resource.
    /// When the previous segment is another resource, it continues the last earlier sub-range of this one.
    /// </summary>
    public const string ByteRangeOffsetNotContiguous = "byterange-offset-not-contiguous";

    /// <summary>Section 4.3.3.5: EXT-X-PLAYLIST-TYPE is EVENT or VOD. Anything else is read as absent (a live playlist).</summary>
    public const string PlaylistTypeUnknown = "playlist-type-unknown";

    /// <summary>Section 4.3.1.2: EXT-X-VERSION is a decimal integer. Anything else is read as absent.</summary>
    public const string VersionInvalid = "version-invalid";

    /// <summary>
    /// Sections 4.3.1.2 and 4.3.3: EXT-X-VERSION and the media playlist tags appear at most once. The later one applies.
    /// </summary>
    public const string TagRepeated = "tag-repeated";

    /// <summary>Section 4.3.4.2: EXT-X-STREAM-INF (and EXT-X-I-FRAME-STREAM-INF) require BANDWIDTH. Read as 0, unknown.</summary>
    public const string StreamInfMissingBandwidth = "stream-inf-missing-bandwidth";

    /// <summary>Section 4.3.4.2: the URI line follows its EXT-X-STREAM-INF. One left without at the end is dropped.</summary>
    public const string StreamInfWithoutUri = "stream-inf-without-uri";

    /// <summary>Section 4.3.4.2: a URI in a master playlist belongs to the EXT-X-STREAM-INF before it. A stray one is ignored.</summary>
    public const string UriWithoutStreamInf = "uri-without-stream-inf";
}
