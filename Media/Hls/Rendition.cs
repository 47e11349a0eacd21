namespace Glance.Media.Hls;

/// <summary>One EXT-X-MEDIA entry: an alternative rendition in a group.</summary>
public sealed record Rendition
{
    public required RenditionType Type { get; init; }

    public required string GroupId { get; init; }

    public required string Name { get; init; }

    public string? Language { get; init; }

    public string? AssociatedLanguage { get; init; }

    /// <summary>Absolute URI of the rendition's media playlist; absent for renditions muxed into the variant and for closed captions.</summary>
    public Uri? Uri { get; init; }

    public bool Default { get; init; }

    public bool Autoselect { get; init; }

    public bool Forced { get; init; }

    /// <summary>INSTREAM-ID (closed captions), for example "CC1".</summary>
    public string? InstreamId { get; init; }

    public string? Characteristics { get; init; }

    public string? Channels { get; init; }
}
