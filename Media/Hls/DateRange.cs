namespace Glance.Media.Hls;

/// <summary>An EXT-X-DATERANGE tag (RFC 8216 section 4.3.2.7).</summary>
public sealed record DateRange
{
    public required string Id { get; init; }

    public string? Class { get; init; }

    /// <summary>START-DATE. Required by RFC 8216, but left null rather than invented when a server omits it.</summary>
    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>DURATION in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>PLANNED-DURATION in seconds.</summary>
    public double? PlannedDuration { get; init; }

    /// <summary>END-ON-NEXT=YES.</summary>
    public bool EndOnNext { get; init; }

    /// <summary>SCTE35-CMD splice_info_section bytes.</summary>
    public ReadOnlyMemory<byte>? Scte35Command { get; init; }

    /// <summary>SCTE35-OUT splice_info_section bytes.</summary>
    public ReadOnlyMemory<byte>? Scte35Out { get; init; }

    /// <summary>SCTE35-IN splice_info_section bytes.</summary>
    public ReadOnlyMemory<byte>? Scte35In { get; init; }

    /// <summary>X-* client attributes: the quoted string's content, or the hex or number exactly as written.</summary>
    public IReadOnlyDictionary<string, string> ClientAttributes { get; init; } = EmptyAttributes;

    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>(0);
}
