namespace Glance.Grains.Gallery;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class TeamState : GalleryItemState
{
    public List<string> Abbreviations { get; set; } = [];

    public List<string> Nicknames { get; set; } = [];

    public string? LogoId { get; set; }
}

/// <summary>A team: the names it goes by on screen and, optionally, a logo of the same gallery.</summary>
[GrainType("gallery-team")]
public sealed class TeamGrain(
    [PersistentState("team")] IPersistentState<TeamState> team,
    IOptions<GalleryOptions> options,
    TimeProvider clock)
    : GalleryItemGrain<TeamState, TeamDefinition, TeamView, GalleryTeam>(team, options, clock), ITeamGrain
{
    protected override GalleryKind Kind => GalleryKind.Team;

    protected override string? NameOf(TeamDefinition definition) => definition.Name;

    private protected override void Validate(TeamDefinition definition, bool creating, GalleryRules rules)
    {
        CheckAliases(rules, "abbreviations", definition.Abbreviations);
        CheckAliases(rules, "nicknames", definition.Nicknames);
        if (definition.LogoId is { } logoId && !ResourceId.IsValid(logoId))
        {
            rules.Fail("logoId", $"A logo id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit ({ResourceId.Pattern}).");
        }
    }

    protected override void Apply(TeamDefinition definition, TeamState state)
    {
        state.Name = definition.Name.Trim();
        state.Abbreviations = Distinct(definition.Abbreviations);
        state.Nicknames = Distinct(definition.Nicknames);
        state.LogoId = definition.LogoId;
    }

    protected override string? LogoReference(TeamDefinition definition) => definition.LogoId;

    protected override GalleryEntry Entry(TeamState state) => base.Entry(state) with { LogoId = state.LogoId };

    protected override TeamView ToView(TeamState state) =>
        new(ItemId, state.Name, state.Abbreviations.ToArray(), state.Nicknames.ToArray(), state.LogoId, state.CreatedAt, state.UpdatedAt);

    protected override GalleryTeam ToKnown(TeamState state) =>
        new(ItemId, state.Name, state.Abbreviations.ToArray(), state.Nicknames.ToArray(), state.LogoId);

    protected override Task PublishAsync(IGalleryGrain index, GalleryEntry entry, GalleryTeam known, CancellationToken cancellationToken) =>
        index.PutTeamAsync(entry, known, cancellationToken);

    private static List<string> Distinct(IReadOnlyList<string>? aliases) =>
        aliases is null ? [] : [.. aliases.Select(a => a.Trim()).Distinct(StringComparer.Ordinal)];

    private void CheckAliases(GalleryRules rules, string field, IReadOnlyList<string>? aliases)
    {
        if (aliases is null)
        {
            return;
        }

        if (aliases.Count > Settings.MaxTeamAliases)
        {
            rules.Fail(field, $"A team has at most {Settings.MaxTeamAliases} {field}; {aliases.Count} were given.");
        }
        else if (aliases.Any(a => string.IsNullOrWhiteSpace(a) || a.Trim().Length > Settings.MaxAliasLength || a.Any(char.IsControl)))
        {
            rules.Fail(field, $"Each of the {field} is 1 to {Settings.MaxAliasLength} printable characters.");
        }
    }
}
