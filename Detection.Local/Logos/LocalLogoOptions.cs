namespace Glance.Detection.Local.Logos;

/// <summary>How logos are searched for. Bound to "Detection:Local:Logos".</summary>
public sealed class LocalLogoOptions
{
    public const string SectionName = "Detection:Local:Logos";

    /// <summary>
    /// A logo template is taken to show the logo at the size it has in a frame of this height: an uploaded 120x60
    /// template is looked for at 120x60 in 720p frames and at 60x30 in 360p frames (then within the scale range).
    /// </summary>
    public int ReferenceFrameHeight { get; set; } = 720;

    public double MinScale { get; set; } = 0.7;

    public double MaxScale { get; set; } = 1.3;

    /// <summary>Scales tried in the coarse search, spread geometrically over the range; the best is refined.</summary>
    public int ScaleSteps { get; set; } = 6;

    /// <summary>Size of each default corner region, as a fraction of the frame's width and height.</summary>
    public double CornerFraction { get; set; } = 0.3;

    /// <summary>The coarse search shrinks the frame until the logo's shorter side is about this many pixels.</summary>
    public int CoarseTemplateSide { get; set; } = 10;

    /// <summary>Coarse candidates refined at full detail, best first.</summary>
    public int Candidates { get; set; } = 4;

    /// <summary>Largest accepted template side, in pixels at the reference frame height.</summary>
    public int MaxTemplateSide { get; set; } = 400;

    /// <summary>Smallest accepted template side.</summary>
    public int MinTemplateSide { get; set; } = 12;
}
