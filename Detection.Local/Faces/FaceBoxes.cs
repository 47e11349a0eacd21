namespace Glance.Detection.Local.Faces;

/// <summary>Overlap of face boxes, and merging the boxes of several detector passes over one image.</summary>
public static class FaceBoxes
{
    /// <summary>Intersection over union of two boxes (0 when either is empty).</summary>
    public static double IntersectionOverUnion(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh)
    {
        var width = Math.Max(0, Math.Min(ax + aw, bx + bw) - Math.Max(ax, bx));
        var height = Math.Max(0, Math.Min(ay + ah, by + bh) - Math.Max(ay, by));
        var intersection = width * height;
        var union = (aw * ah) + (bw * bh) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    public static double IntersectionOverUnion(DetectedFace a, DetectedFace b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return IntersectionOverUnion(a.X, a.Y, a.Width, a.Height, b.X, b.Y, b.Width, b.Height);
    }

    /// <summary>
    /// Greedy non-maximum suppression, best score first. A box is also dropped when it lies mostly (more than
    /// <paramref name="containedFraction"/> of its area) inside a better box: a tile pass that sees only part of a large
    /// face reports a small box inside the whole-image pass's box, whose IoU with it is low.
    /// </summary>
    public static IReadOnlyList<DetectedFace> Suppress(IEnumerable<DetectedFace> faces, double iouThreshold, double containedFraction = 0.6)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var kept = new List<DetectedFace>();
        foreach (var face in faces.OrderByDescending(f => f.Score))
        {
            if (kept.TrueForAll(k => IntersectionOverUnion(k, face) <= iouThreshold && ContainedFraction(face, k) <= containedFraction))
            {
                kept.Add(face);
            }
        }

        return kept;
    }

    /// <summary>The share of <paramref name="inner"/>'s area that lies inside <paramref name="outer"/>.</summary>
    private static double ContainedFraction(DetectedFace inner, DetectedFace outer)
    {
        var width = Math.Max(0, Math.Min(inner.X + inner.Width, outer.X + outer.Width) - Math.Max(inner.X, outer.X));
        var height = Math.Max(0, Math.Min(inner.Y + inner.Height, outer.Y + outer.Height) - Math.Max(inner.Y, outer.Y));
        return inner.Area <= 0 ? 0 : width * height / inner.Area;
    }
}
