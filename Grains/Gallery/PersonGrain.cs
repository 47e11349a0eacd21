namespace Glance.Grains.Gallery;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class PersonState : GalleryItemState
{
    /// <summary>One 128-d face descriptor per reference image. Arrays are replaced, never changed in place.</summary>
    public List<float[]> Descriptors { get; set; } = [];
}

/// <summary>A known person: a name and face descriptors (about 10 KB of state for ten reference images).</summary>
[GrainType("gallery-person")]
public sealed class PersonGrain(
    [PersistentState("person")] IPersistentState<PersonState> person,
    IOptions<GalleryOptions> options,
    TimeProvider clock)
    : GalleryItemGrain<PersonState, PersonDefinition, PersonView, GalleryPerson>(person, options, clock), IPersonGrain
{
    /// <summary>Length of a face-api descriptor.</summary>
    public const int DescriptorLength = 128;

    protected override GalleryKind Kind => GalleryKind.Person;

    protected override string? NameOf(PersonDefinition definition) => definition.Name;

    private protected override void Validate(PersonDefinition definition, bool creating, GalleryRules rules)
    {
        rules.RequireWhenCreating(definition.Descriptors is not null, creating, "images", "A new person needs at least one reference image.");
        if (definition.Descriptors is not { } descriptors)
        {
            return;
        }

        if (descriptors.Count < 1 || descriptors.Count > Settings.MaxReferenceImages)
        {
            rules.Fail("images", $"A person has 1 to {Settings.MaxReferenceImages} reference images; {descriptors.Count} were given.");
        }
        else if (descriptors.Any(d => d is null || d.Length != DescriptorLength || !d.All(float.IsFinite)))
        {
            rules.Fail("images", $"Every face descriptor has {DescriptorLength} finite values.");
        }
    }

    protected override void Apply(PersonDefinition definition, PersonState state)
    {
        state.Name = definition.Name.Trim();
        if (definition.Descriptors is { } descriptors)
        {
            state.Descriptors = [.. descriptors.Select(d => (float[])d.Clone())];
        }
    }

    protected override PersonView ToView(PersonState state) =>
        new(ItemId, state.Name, state.Descriptors.Count, state.CreatedAt, state.UpdatedAt);

    protected override GalleryPerson ToKnown(PersonState state) => new(ItemId, state.Name, state.Descriptors.ToArray());

    protected override Task PublishAsync(IGalleryGrain index, GalleryEntry entry, GalleryPerson known, CancellationToken cancellationToken) =>
        index.PutPersonAsync(entry, known, cancellationToken);
}
