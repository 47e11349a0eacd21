namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// Who and when an instrument is for. Each list left empty does not restrict; a list with values needs one of them.
/// </summary>
/// <param name="Entities">
/// "kind:value" where kind is a timeline sighting kind (person, face, label, text, logo, team, sport) and value a gallery
/// id or a name, e.g. person:messi, label:sports ball, team:porto: one of them must be in the viewer's context window.
/// </param>
/// <param name="Segments">Audience segments (the viewer profile's segment ids).</param>
/// <param name="Countries">ISO 3166-1 alpha-2 codes.</param>
/// <param name="AgeRanges">Age ranges as viewer profiles state them (18-24, 25-34, ...).</param>
[GenerateSerializer, Immutable]
public sealed record InstrumentTargeting(
    IReadOnlyList<string>? Entities = null,
    IReadOnlyList<string>? Segments = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? AgeRanges = null)
{
    public static InstrumentTargeting None { get; } = new([], [], [], []);

    /// <summary>Whether it needs anything from the viewer's profile: such an instrument is never shown without personalization.</summary>
    public bool TargetsAudience => Segments is { Count: > 0 } || Countries is { Count: > 0 } || AgeRanges is { Count: > 0 };
}
