namespace Glance.Detection.Local.Objects;

/// <summary>
/// Where the object network comes from and how its detections are reduced. The CenterNet model ships in the npm
/// package @vladmandic/human, installed by <c>scripts/setup</c> into node_modules; nothing is downloaded at run time.
/// </summary>
public sealed record ObjectDetectionOptions
{
    public const string SectionName = "Detection:Local:Objects";

    /// <summary>The folder the registry packages are installed in; relative paths resolve against the content root, then the folders above it.</summary>
    public string ModelRoot { get; init; } = "node_modules";

    /// <summary>The CenterNet model.json; by default <c>{ModelRoot}/@vladmandic/human/models/centernet.json</c>.</summary>
    public string? CenterNetModelPath { get; init; }

    /// <summary>What runs the network; both give the same candidates and features within float rounding.</summary>
    public ObjectEngine Engine { get; init; } = ObjectEngine.OnnxRuntime;

    /// <summary>At most this many objects per frame after suppression (human's default is 10).</summary>
    public int MaxObjects { get; init; } = 10;

    /// <summary>Boxes overlapping a better one by this IoU or more are suppressed, whatever their class (human's 0.4).</summary>
    public float IouThreshold { get; init; } = 0.4f;

    /// <summary>
    /// Frames with no picture (<see cref="BlackPicture"/>) get no labels and no network run: there is nothing on them to
    /// label, and CenterNet labels the encoder's noise over black (a "cat" up to 0.55 on the demo channel).
    /// </summary>
    public bool SkipBlackFrames { get; init; } = true;
}
