namespace Glance.Detection.Rekognition;

/// <summary>How to reach Amazon Rekognition and what to ask it. Bound to "Detection:Rekognition".</summary>
public sealed class RekognitionOptions
{
    public const string SectionName = "Detection:Rekognition";

    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// Overrides https://rekognition.{Region}.amazonaws.com/ (a VPC endpoint, or a local server in tests).
    /// Plain http is accepted only for loopback addresses.
    /// </summary>
    public Uri? Endpoint { get; set; }

    public RekognitionOperations Operations { get; set; } =
        RekognitionOperations.Celebrities | RekognitionOperations.Labels | RekognitionOperations.Text | RekognitionOperations.Moderation;

    /// <summary>
    /// Requests per second this process sends, all operations and retries together, to stay under the account's
    /// Rekognition TPS quota. Also the burst size.
    /// </summary>
    public int MaxRequestsPerSecond { get; set; } = 5;

    /// <summary>Requests that may wait for the budget; beyond that a request fails at once instead of piling up.</summary>
    public int MaxQueuedRequests { get; set; } = 256;

    /// <summary>How long one attempt may take, from sending the request to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt for throttling, server errors, timeouts and network failures.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff ceiling; it doubles with each retry (full jitter below the ceiling).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>0..1, sent to Rekognition as the floor; the event's own thresholds may filter further.</summary>
    public double MinConfidence { get; set; } = 0.5;

    public int MaxLabels { get; set; } = 50;

    /// <summary>The face collection SearchFacesByImage searches (faces indexed with ExternalImageId = person id).</summary>
    public string? CollectionId { get; set; }

    /// <summary>0..1 similarity a collection face needs to count as the same person.</summary>
    public double MinFaceSimilarity { get; set; } = 0.8;

    public int MaxFaceMatches { get; set; } = 5;

    /// <summary>The Custom Labels model version DetectCustomLabels runs (it must be started).</summary>
    public string? ProjectVersionArn { get; set; }

    public int MaxCustomLabels { get; set; } = 20;

    /// <summary>
    /// Which kind a custom label reports, by label name (for example "Basketball" -> Sport); other labels are Label.
    /// </summary>
    public Dictionary<string, DetectionKind> CustomLabelKinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>First JPEG quality tried; lowered, then the frame halved, only when the result exceeds the size limit.</summary>
    public int JpegQuality { get; set; } = 90;
}
