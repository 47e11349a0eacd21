namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>
/// Scores detections against hand-marked faces. A detection finds a marked face when their boxes overlap with IoU of
/// at least <see cref="MinIntersectionOverUnion"/> (a lenient bar: hand marks and detectors disagree on where a face
/// ends, on the forehead and chin most); detections are taken best score first and each marked face is found once. A
/// detection that finds nothing is a false positive unless its centre lies in an ignore region; a second box on a face
/// already found is a false positive.
/// </summary>
public static class FaceDetectionScorer
{
    public const double MinIntersectionOverUnion = 0.3;

    /// <param name="imageWidth">The width of the image the detector saw: marked boxes are scaled from the width they were marked at.</param>
    public static FaceImageScore Score(MarkedImage marked, int imageWidth, IReadOnlyList<DetectedFace> detections)
    {
        ArgumentNullException.ThrowIfNull(marked);
        ArgumentNullException.ThrowIfNull(detections);
        var scale = marked.Width is { } width ? imageWidth / (double)width : 1.0;
        var matches = new DetectedFace?[marked.Faces.Count];
        var falsePositives = new List<DetectedFace>();
        foreach (var detection in detections.OrderByDescending(d => d.Score))
        {
            var best = -1;
            var bestIou = MinIntersectionOverUnion;
            for (var i = 0; i < marked.Faces.Count; i++)
            {
                var face = marked.Faces[i];
                var iou = FaceBoxes.IntersectionOverUnion(
                    face.X * scale, face.Y * scale, face.Width * scale, face.Height * scale,
                    detection.X, detection.Y, detection.Width, detection.Height);
                if (matches[i] is null && iou >= bestIou)
                {
                    (best, bestIou) = (i, iou);
                }
            }

            if (best >= 0)
            {
                matches[best] = detection;
            }
            else if (!InIgnoredRegion(marked, scale, detection))
            {
                falsePositives.Add(detection);
            }
        }

        var hard = marked.Faces.Select((f, i) => (f.Hard, Found: matches[i] is not null)).Where(f => f.Hard).ToList();
        return new FaceImageScore(marked.Name, marked.Faces.Count, matches.Count(m => m is not null), hard.Count, hard.Count(f => f.Found), matches, falsePositives);
    }

    private static bool InIgnoredRegion(MarkedImage marked, double scale, DetectedFace detection)
    {
        var (x, y) = (detection.X + (detection.Width / 2), detection.Y + (detection.Height / 2));
        return marked.Ignore.Any(r => x >= r.X * scale && x <= (r.X + r.Width) * scale && y >= r.Y * scale && y <= (r.Y + r.Height) * scale);
    }
}
