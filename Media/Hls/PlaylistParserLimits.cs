namespace Glance.Media.Hls;

/// <summary>
/// Size caps that bound the parser's work on hostile input. Parsing is linear in the input, so these caps also bound its
/// time. The defaults fit a 24-hour event playlist of one-second segments.
/// </summary>
public sealed record PlaylistParserLimits
{
    public static PlaylistParserLimits Default { get; } = new();

    /// <summary>Largest playlist accepted, in UTF-8 bytes (checked by the byte overload) and in characters.</summary>
    public int MaxBytes { get; init; } = 16 * 1024 * 1024;

    public int MaxLines { get; init; } = 500_000;

    public int MaxLineLength { get; init; } = 64 * 1024;

    public int MaxSegments { get; init; } = 100_000;

    /// <summary>Cap on variants, I-frame variants and renditions, each.</summary>
    public int MaxVariants { get; init; } = 1_000;

    public int MaxDateRanges { get; init; } = 10_000;

    public int MaxCuesPerSegment { get; init; } = 64;

    /// <summary>Cap on the warnings kept on one parsed playlist; further ones are only counted (<see cref="Playlist.OmittedWarnings"/>).</summary>
    public int MaxWarnings { get; init; } = 100;

    /// <summary>Cap on the warnings of one code, so that a violation repeated on every line leaves room for the others.</summary>
    public int MaxWarningsPerCode { get; init; } = 10;
}
