using Glance.Detection;

namespace Glance.Tests.Pipeline;

/// <summary>A detector registered under a real detector's name that always sees the same person.</summary>
internal sealed class AlwaysSeesAda : IFrameDetector
{
    public string Name => "local.faces";

    public IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Face };

    public ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<FrameDetection>>([new FrameDetection(DetectionKind.Face, "ada", "Ada", 0.9, new BoundingBox(0.1, 0.1, 0.2, 0.2), Name)]);
}

/// <summary>Misbehaves on purpose: throws on every second frame it sees.</summary>
internal sealed class ThrowsOnEveryOtherFrame : IFrameDetector
{
    private int calls;

    public string Name => "local.labels";

    public IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Label };

    public ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref calls) % 2 == 0
            ? throw new InvalidOperationException("the label model fell over")
            : ValueTask.FromResult<IReadOnlyList<FrameDetection>>([new FrameDetection(DetectionKind.Label, null, "pitch", 0.8, null, Name)]);
}

/// <summary>Misbehaves on purpose: hangs on the third frame it sees (until cancelled), answers at once on the others.</summary>
internal sealed class HangsOnce : IFrameDetector
{
    private int calls;

    public string Name => "local.text";

    public IReadOnlySet<DetectionKind> Kinds { get; } = new HashSet<DetectionKind> { DetectionKind.Text };

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref calls) == 3)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return [new FrameDetection(DetectionKind.Text, null, "POR 1 - 0 SAN", 0.9, null, Name)];
    }
}
