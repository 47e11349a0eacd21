using Microsoft.Extensions.Logging;

namespace Glance.Detection.Local.Logos;

/// <summary>"local.logos": each of the event's known logos, where its best match scores above the event's threshold.</summary>
public sealed class LocalLogoDetector(LogoMatcher matcher, ILogger<LocalLogoDetector> logger) : IFrameDetector
{
    public const string DetectorName = "local.logos";

    private static readonly IReadOnlySet<DetectionKind> LogoOnly = new HashSet<DetectionKind> { DetectionKind.Logo };

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => LogoOnly;

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        var detections = new List<FrameDetection>();
        foreach (var logo in context.Logos)
        {
            LogoMatch? match;
            try
            {
                match = await matcher.FindSharedAsync(frame, logo, context.LogoRegions, cancellationToken).ConfigureAwait(false);
            }
            catch (LogoTemplateException e)
            {
                // Uploads are validated; a template that still fails must not stop the other logos.
                logger.LogWarning(e, "Logo {LogoId} cannot be matched: {Reason}", logo.Id, e.Message);
                continue;
            }

            if (match is not null && match.Score >= context.Thresholds.MinLogoScore)
            {
                detections.Add(new FrameDetection(DetectionKind.Logo, logo.Id, logo.Name, Math.Clamp(match.Score, 0, 1), match.Box, DetectorName));
            }
        }

        return detections;
    }
}
