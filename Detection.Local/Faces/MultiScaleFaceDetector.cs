namespace Glance.Detection.Local.Faces;

/// <summary>
/// TinyFaceDetector over the whole image (faces down to ~50 px at its input: ~150 px on a 1280x720 frame), then,
/// when <see cref="LocalModelOptions.SmallFaceTileRows"/> is set, over overlapping square tiles magnified to the same
/// input, which brings faces of 20-40 px up to the sizes the network was trained on; the boxes of all passes are merged
/// by non-maximum suppression. Immutable; safe to call from several threads.
/// </summary>
public sealed class MultiScaleFaceDetector(TinyFaceDetector detector, LocalModelOptions options) : IFaceBoxDetector
{
    private readonly TinyFaceDetector detector = detector ?? throw new ArgumentNullException(nameof(detector));
    private readonly LocalModelOptions options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Faces in <paramref name="image"/>, best score first.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var whole = detector.Detect(image, options.FaceDetectorInputSize, options.FaceScoreThreshold, options.FaceIouThreshold);
        if (options.SmallFaceTileRows <= 0 || Math.Min(image.Width, image.Height) < options.SmallFaceMinImageSide)
        {
            return whole;
        }

        var found = new List<DetectedFace>(whole);
        foreach (var tile in FaceTiles.Layout(image.Width, image.Height, options.SmallFaceTileRows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Tile passes may only add faces too small for the whole-image pass: a large face cut by a tile border
            // would otherwise come back as a second, partial box.
            found.AddRange(detector.Detect(image, tile, options.SmallFaceTileInputSize, options.SmallFaceScoreThreshold, options.FaceIouThreshold)
                .Where(f => Math.Max(f.Width, f.Height) <= tile.Width * options.SmallFaceMaxTileFraction));
        }

        return FaceBoxes.Suppress(found, options.FaceIouThreshold);
    }
}
