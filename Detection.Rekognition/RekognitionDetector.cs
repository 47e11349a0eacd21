namespace Glance.Detection.Rekognition;

/// <summary>
/// What every Rekognition detector does: encode the frame as a JPEG under the operation's size limit, call one
/// operation with it through the shared client, map the answer to detections. A detector says only its name, which
/// operation it calls and how to read its answer.
/// </summary>
/// <typeparam name="TResponse">The operation's response.</typeparam>
public abstract class RekognitionDetector<TResponse> : IFrameDetector
    where TResponse : class
{
    private readonly RekognitionImageEncoder encoder;
    private readonly int maxImageBytes;

    protected RekognitionDetector(
        string name,
        IEnumerable<DetectionKind> kinds,
        RekognitionClient client,
        RekognitionImageEncoder encoder,
        IOptions<RekognitionOptions> options,
        int maxImageBytes = RekognitionImageEncoder.MaxImageBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Kinds = new HashSet<DetectionKind>(kinds);
        Client = client;
        Options = options.Value;
        this.encoder = encoder;
        this.maxImageBytes = maxImageBytes;
    }

    public string Name { get; }

    public IReadOnlySet<DetectionKind> Kinds { get; }

    protected RekognitionClient Client { get; }

    protected RekognitionOptions Options { get; }

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

    /// <summary>
    /// Refuses a detector built without the setting its operation needs: the validator checks this only for the
    /// operations the options enable, and a detector can be built directly.
    /// </summary>
    protected static void RequireSetting(string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new OptionsValidationException(RekognitionOptions.SectionName, typeof(RekognitionOptions), [message]);
        }
    }
}
