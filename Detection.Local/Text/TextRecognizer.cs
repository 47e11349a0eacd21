namespace Glance.Detection.Local.Text;

/// <summary>
/// Reads the text of frames with the configured engine (<see cref="ITextReader"/>), once per frame: what it read is
/// shared through the frame's memo by every detector that needs it (text, teams), and a segment's frames are read
/// together so an engine can batch them and read a graphic shown in all of them once.
/// </summary>
public sealed class TextRecognizer(ITextReader reader)
{
    private const string SharedKey = "local.text.recognized";

    /// <param name="regions">Where to read, relative to the frame; empty reads the whole frame.</param>
    public async Task<RecognizedText> RecognizeAsync(GreyImage frame, IReadOnlyList<BoundingBox> regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return (await RecognizeManyAsync([frame], regions, "frame", cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>The text of several frames, read together.</summary>
    public Task<IReadOnlyList<RecognizedText>> RecognizeManyAsync(
        IReadOnlyList<GreyImage> frames, IReadOnlyList<BoundingBox> regions, string scope, CancellationToken cancellationToken) =>
        reader.ReadAsync(frames, regions, scope, cancellationToken);

    /// <summary>The frame's text, read once and shared by every detector that needs it (text, teams).</summary>
    public async Task<RecognizedText> RecognizeSharedAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await ReadSharedAsync(frame, context, cancellationToken).ConfigureAwait(false);
        }
        catch (SegmentTextReadException) when (!cancellationToken.IsCancellationRequested)
        {
            // The segment's read failed and left the memo; this frame is read on its own.
            return await ReadSharedAsync(frame, context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts reading the text of a segment's frames in one go, in the background; each frame's shared memo gets its
    /// part, so the per-frame calls of the text and team detectors await it instead of starting Tesseract themselves.
    /// Frames whose text is being read already are left out.
    /// </summary>
    public void BeginSegment(IReadOnlyList<DetectionFrame> frames, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(context);
        var offered = new List<(DetectionFrame Frame, TaskCompletionSource<RecognizedText> Text)>();
        foreach (var frame in frames)
        {
            var text = new TaskCompletionSource<RecognizedText>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (frame.TryOffer(SharedKey, text.Task))
            {
                offered.Add((frame, text));
            }
        }

        if (offered.Count > 0)
        {
            _ = Task.Run(() => ReadSegmentAsync(offered, context, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ReadSegmentAsync(List<(DetectionFrame Frame, TaskCompletionSource<RecognizedText> Text)> offered, DetectionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var greys = new List<GreyImage>(offered.Count);
            foreach (var (frame, _) in offered)
            {
                greys.Add(await SharedImages.GreyAsync(frame, cancellationToken).ConfigureAwait(false));
            }

            var texts = await RecognizeManyAsync(greys, context.TextRegions, "segment", cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < offered.Count; i++)
            {
                offered[i].Text.TrySetResult(texts[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var (_, text) in offered)
            {
                text.TrySetException(new SegmentTextReadException(e));
            }
        }
    }

    private Task<RecognizedText> ReadSharedAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken) =>
        frame.SharedAsync(
            SharedKey,
            async token => await RecognizeAsync(await SharedImages.GreyAsync(frame, token).ConfigureAwait(false), context.TextRegions, token).ConfigureAwait(false),
            cancellationToken);
}
