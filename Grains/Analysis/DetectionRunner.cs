using System.Collections.Concurrent;
using System.Diagnostics;
using Glance.Detection;
using Glance.Media.Frames;
namespace Glance.Grains.Analysis;

/// <summary>
/// Runs the chosen detectors over a segment's frames: frames in parallel, each detector on a frame under its own
/// timeout, so that a detector that throws or hangs costs only its own result for that frame. Detectors that work
/// better on the whole segment (text: one Tesseract run for all frames) get the frames first.
/// </summary>
public sealed class DetectionRunner(IOptions<PipelineOptions> options, PipelineMetrics metrics)
{
    private readonly PipelineOptions settings = options.Value;

    public async Task<(IReadOnlyList<IReadOnlyList<Sighting>> PerFrame, IReadOnlyList<string> Errors)> RunAsync(
        IReadOnlyList<SampledFrame> frames,
        IReadOnlyList<IFrameDetector> detectors,
        DetectionContext context,
        CancellationToken cancellationToken)
    {
        var perFrame = new IReadOnlyList<Sighting>[frames.Count];
        var errors = new ConcurrentQueue<string>();
        var detectionFrames = frames.Select(f => new DetectionFrame(f.Image)).ToArray();
        foreach (var detector in detectors.OfType<ISegmentAwareDetector>())
        {
            try
            {
                detector.BeginSegment(detectionFrames, context, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Only the shared head start is lost: the per-frame calls still do the work.
                errors.Enqueue($"{detector.Name} on the segment: {e.Message}");
            }
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(0, frames.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxFrameParallelism), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var frame = detectionFrames[i];
                var sightings = new List<Sighting>();
                foreach (var detector in detectors)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout.CancelAfter(settings.DetectorTimeout);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var found = await detector.DetectAsync(frame, context, timeout.Token).AsTask().WaitAsync(settings.DetectorTimeout, token);
                        sightings.AddRange(found.Select(ToSighting));
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        var reason = e is TimeoutException or OperationCanceledException ? $"timed out after {settings.DetectorTimeout.TotalSeconds:0.#} s" : e.Message;
                        errors.Enqueue($"{detector.Name} on frame {frames[i].Index}: {reason}");
                        metrics.DetectorFailures.Add(1, new KeyValuePair<string, object?>("detector", detector.Name));
                    }
                    finally
                    {
                        metrics.DetectorDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("detector", detector.Name));
                    }
                }

                perFrame[i] = sightings;
            });
        return (perFrame, errors.ToList());
    }

    private static Sighting ToSighting(FrameDetection d) => new(
        FrameDetectionJson.KindName(d.Kind),
        d.Id,
        d.Name,
        Math.Round(d.Confidence, 4),
        d.Box is { } box ? new SightingBox(Math.Round(box.X, 4), Math.Round(box.Y, 4), Math.Round(box.Width, 4), Math.Round(box.Height, 4)) : null,
        d.Detector);
}
