namespace Glance.Grains.Gallery;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class ClassifierState : GalleryItemState
{
    public List<string> Classes { get; set; } = [];

    public byte[] Model { get; set; } = [];

    public Dictionary<string, int> ExamplesPerClass { get; set; } = new(StringComparer.Ordinal);

    public double TrainingAccuracy { get; set; }
}

/// <summary>A custom image classifier: a name and the model trained from the broadcaster's labelled examples.</summary>
[GrainType("gallery-classifier")]
public sealed class ClassifierGrain(
    [PersistentState("classifier")] IPersistentState<ClassifierState> classifier,
    IOptions<GalleryOptions> options,
    TimeProvider clock)
    : GalleryItemGrain<ClassifierState, ClassifierDefinition, ClassifierView, GalleryClassifier>(classifier, options, clock), IClassifierGrain
{
    protected override GalleryKind Kind => GalleryKind.Classifier;

    protected override string? NameOf(ClassifierDefinition definition) => definition.Name;

    private protected override void Validate(ClassifierDefinition definition, bool creating, GalleryRules rules)
    {
        rules.RequireWhenCreating(definition.Model is not null, creating, "examples", "A new classifier needs labelled examples to train on.");
        if (definition.Model is not { } model)
        {
            return;
        }

        if (model.Model.IsEmpty || model.Model.Length > Settings.MaxClassifierModelBytes)
        {
            rules.Fail("examples", $"The trained model is {model.Model.Length:N0} bytes; at most {Settings.MaxClassifierModelBytes:N0} are stored. Use fewer classes.");
        }
        else if (model.Classes.Count < 2 || model.Classes.Distinct(StringComparer.Ordinal).Count() != model.Classes.Count)
        {
            rules.Fail("examples", "A classifier has at least two distinct classes.");
        }
    }

    protected override void Apply(ClassifierDefinition definition, ClassifierState state)
    {
        state.Name = definition.Name.Trim();
        if (definition.Model is { } model)
        {
            state.Classes = [.. model.Classes];
            state.Model = model.Model.ToArray();
            state.ExamplesPerClass = new Dictionary<string, int>(model.ExamplesPerClass, StringComparer.Ordinal);
            state.TrainingAccuracy = model.TrainingAccuracy;
        }
    }

    protected override ClassifierView ToView(ClassifierState state) =>
        new(ItemId, state.Name, state.Classes.ToArray(), new Dictionary<string, int>(state.ExamplesPerClass, StringComparer.Ordinal), state.TrainingAccuracy, state.Model.Length, state.CreatedAt, state.UpdatedAt);

    protected override GalleryClassifier ToKnown(ClassifierState state) => new(ItemId, state.Name, state.Classes.ToArray(), state.Model);

    protected override Task PublishAsync(IGalleryGrain index, GalleryEntry entry, GalleryClassifier known, CancellationToken cancellationToken) =>
        index.PutClassifierAsync(entry, known, cancellationToken);
}
