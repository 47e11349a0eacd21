namespace Glance.Demo.Channel;

/// <summary>How the demo's synthetic live channel is made. Bound to "Demo:Channel".</summary>
/// <remarks>
/// The default picture is 640x360: the frame sampler scales every frame down to a longest side of 640 before the
/// detectors see it, so a larger picture only costs encoder time (720p takes about twice the CPU of 360p here) and
/// leaves less of the two cores for the detectors the demo is about. The overlays are laid out in units of the frame
/// height, so any 16:9 size shows the same picture.
/// </remarks>
public sealed record SyntheticChannelOptions
{
    public const string SectionName = "Demo:Channel";

    /// <summary>The folder the playlist and segments are written to (created at start).</summary>
    public string OutputFolder { get; init; } = Path.Combine("data", "demo-channel");

    /// <summary>
    /// A playlist an earlier host left in <see cref="OutputFolder"/> is continued (its numbering, behind an
    /// EXT-X-DISCONTINUITY), so an event watching the channel keeps its history across a restart; false cleans the
    /// folder and starts again at segment 0 (a new programme).
    /// </summary>
    public bool ContinueEarlierOutput { get; init; } = true;

    public string PlaylistName { get; init; } = "live.m3u8";

    /// <summary>Segment file names are this prefix, the media sequence number and ".ts".</summary>
    public string SegmentPrefix { get; init; } = "segment";

    /// <summary>Target segment duration; a whole number of keyframe intervals.</summary>
    public int SegmentSeconds { get; init; } = 6;

    /// <summary>
    /// Seconds between keyframes (x264 GOP). One second puts a keyframe on every sample of the default 1 fps sampling,
    /// so the sampler can decode keyframes only.
    /// </summary>
    public int KeyframeSeconds { get; init; } = 1;

    /// <summary>Segments kept in the sliding playlist; older ones are deleted.</summary>
    public int ListSize { get; init; } = 10;

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 360;

    public int FrameRate { get; init; } = 25;

    public DemoProgramme Programme { get; init; } = new();

    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>The font of the scoreboard and the logo (Debian package fonts-dejavu-core).</summary>
    public string FontFile { get; init; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>
    /// The presenter's photo: a group photo from the npm package @vladmandic/face-api. Relative paths are tried from the
    /// working folder, then from the folders above the application (the repository root in development).
    /// </summary>
    public string FacePhotoPath { get; init; } = Path.Combine("node_modules", "@vladmandic", "face-api", "demo", "sample1.jpg");

    /// <summary>
    /// The part of the photo shown: the woman on the right of sample1.jpg, with room around her face (face-api's tiny
    /// face detector misses a face that fills most of a tight crop). Null shows the whole photo.
    /// </summary>
    public FaceCrop? FaceCrop { get; init; } = new(1240, 40, 680, 680);

    /// <summary>Unexpected ffmpeg exits tolerated within <see cref="RestartWindow"/> before the channel gives up.</summary>
    public int MaxRestarts { get; init; } = 5;

    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Wait before the first restart; doubled after each further one up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An ffmpeg that has listed no new segment for this long is taken as hung, killed and restarted. Null: three
    /// segment durations plus 20 s (start-up on a busy machine).
    /// </summary>
    public TimeSpan? StallTimeout { get; init; }

    /// <summary>Rendering the still pictures (presenter, logo) with ffmpeg at start may take this long.</summary>
    public TimeSpan AssetTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveStallTimeout => StallTimeout ?? TimeSpan.FromSeconds((3 * SegmentSeconds) + 20);

    /// <exception cref="DemoChannelException">An option is out of range.</exception>
    public void Validate()
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new DemoChannelException(message);
            }
        }

        Require(!string.IsNullOrWhiteSpace(OutputFolder), "Demo:Channel:OutputFolder must be set.");
        Require(IsPlainFileName(PlaylistName) && PlaylistName.EndsWith(".m3u8", StringComparison.Ordinal), $"The playlist name '{PlaylistName}' must be a plain file name ending in .m3u8.");
        Require(IsPlainFileName(SegmentPrefix) && !SegmentPrefix.Contains('%', StringComparison.Ordinal), $"The segment prefix '{SegmentPrefix}' must be a plain file name part without '%'.");
        Require(KeyframeSeconds is >= 1 and <= 10, $"KeyframeSeconds must be between 1 and 10; {KeyframeSeconds} was given.");
        Require(SegmentSeconds is >= 1 and <= 60 && SegmentSeconds % KeyframeSeconds == 0, $"SegmentSeconds ({SegmentSeconds}) must be 1-60 and a multiple of KeyframeSeconds ({KeyframeSeconds}), so every segment starts on a keyframe.");
        Require(ListSize is >= 3 and <= 100, $"ListSize must be between 3 and 100; {ListSize} was given.");
        Require(Width is >= 160 and <= 3840 && Height is >= 90 and <= 2160 && Width % 2 == 0 && Height % 2 == 0, $"The picture size {Width}x{Height} must be even and between 160x90 and 3840x2160.");
        Require(Width >= Height, $"The picture {Width}x{Height} must be landscape: the overlays are laid out for it.");
        Require(FrameRate is >= 5 and <= 60, $"FrameRate must be between 5 and 60; {FrameRate} was given.");
        Require(MaxRestarts >= 0, "MaxRestarts cannot be negative.");
        Require(RestartWindow > TimeSpan.Zero && RestartDelay > TimeSpan.Zero && MaxRestartDelay >= RestartDelay, "The restart window and delays must be positive, the maximum delay at least the first.");
        Require(EffectiveStallTimeout > TimeSpan.FromSeconds(SegmentSeconds), "StallTimeout must be longer than a segment.");
        Require(AssetTimeout > TimeSpan.Zero, "AssetTimeout must be positive.");
        Require(FaceCrop is null || (FaceCrop.X >= 0 && FaceCrop.Y >= 0 && FaceCrop.Width >= 32 && FaceCrop.Height >= 32), "FaceCrop must lie at non-negative coordinates and be at least 32x32 pixels.");
        ArgumentNullException.ThrowIfNull(Programme);
        Programme.Validate();
    }

    private static bool IsPlainFileName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name.IndexOfAny(['/', '\\', '\'', ':']) < 0 && name != "." && name != "..";
}
