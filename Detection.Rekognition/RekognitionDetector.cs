using Glance.Detection.Rekognition.Wire;

namespace Glance.Detection.Rekognition;

/// <summary>
/// What every Rekognition detector does: encode the frame as a JPEG under the operation's size limit, call one
/// operation with it, map the answer to detections. A detector says only which operation and how to read its answer.
/// </summary>
/// <typeparam name="TResponse">The operation's response.</typeparam>
public abstract class RekognitionDetector<TResponse>(RekognitionImageEncoder encoder, int maxImageBytes = RekognitionImageEncoder.MaxImageBytes) : IFrameDetector
    where TResponse : class
{
    public abstract string Name { get; }

    public abstract IReadOnlySet<DetectionKind> Kinds { get; }

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jpeg = await encoder.GetJpegAsync(frame, maxImageBytes, cancellationToken).ConfigureAwait(false);
        var response = await CallAsync(new RekognitionImage(jpeg), context, cancellationToken).ConfigureAwait(false);
        return response is null ? [] : Detections(response, context);
    }

    /// <returns>The answer, or null when the operation's way of saying "nothing here" is an error.</returns>
    protected abstract Task<TResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken);

    protected abstract IReadOnlyList<FrameDetection> Detections(TResponse response, DetectionContext context);
}
