namespace Glance.Grains.Gallery;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class LogoState : GalleryItemState
{
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>The template's RGB24 pixels, deflated.</summary>
    public byte[] Pixels { get; set; } = [];
}

/// <summary>A logo: a name and the template the logo detector matches, at the logo's on-air size.</summary>
[GrainType("gallery-logo")]
public sealed class LogoGrain(
    [PersistentState("logo")] IPersistentState<LogoState> logo,
    IOptions<GalleryOptions> options,
    TimeProvider clock)
    : GalleryItemGrain<LogoState, LogoDefinition, LogoView, GalleryLogo>(logo, options, clock), ILogoGrain
{
    protected override GalleryKind Kind => GalleryKind.Logo;

    protected override string? NameOf(LogoDefinition definition) => definition.Name;

    private protected override void Validate(LogoDefinition definition, bool creating, GalleryRules rules)
    {
        rules.RequireWhenCreating(definition.Template is not null, creating, "image", "A new logo needs an image.");
        if (definition.Template is { } template && (long)template.Width * template.Height > Settings.MaxLogoPixels)
        {
            rules.Fail(
                "image",
                $"The logo template is {template.Width}x{template.Height} ({(long)template.Width * template.Height:N0} pixels); at most {Settings.MaxLogoPixels:N0} are stored. Upload a smaller image or give a smaller widthOnAir.");
        }
    }

    protected override void Apply(LogoDefinition definition, LogoState state)
    {
        state.Name = definition.Name.Trim();
        if (definition.Template is { } template)
        {
            state.Width = template.Width;
            state.Height = template.Height;
            state.Pixels = LogoPixels.Compress(template.Pixels.Span);
        }
    }

    protected override LogoView ToView(LogoState state) => new(ItemId, state.Name, state.Width, state.Height, state.CreatedAt, state.UpdatedAt);

    protected override GalleryLogo ToKnown(LogoState state) =>
        new(ItemId, state.Name, new LogoPicture(state.Width, state.Height, LogoPixels.Decompress(state.Pixels, checked(state.Width * state.Height * 3))));

    protected override Task PublishAsync(IGalleryGrain index, GalleryEntry entry, GalleryLogo known, CancellationToken cancellationToken) =>
        index.PutLogoAsync(entry, known, cancellationToken);
}
