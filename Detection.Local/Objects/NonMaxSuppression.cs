namespace Glance.Detection.Local.Objects;

/// <summary>
/// Greedy, class-agnostic non-maximum suppression with TF.js's semantics (tf.image.nonMaxSuppression): candidates
/// scoring above the threshold, best first (ties: lower index first), are kept unless their IoU with an already kept
/// box reaches the IoU threshold, up to a maximum count.
/// </summary>
public static class NonMaxSuppression
{
    /// <returns>Indices into <paramref name="candidates"/>, in selection order.</returns>
    public static List<int> Select(IReadOnlyList<CenterNetCandidate> candidates, int maxOutput, float iouThreshold, float scoreThreshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);
        var order = new List<int>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Score > scoreThreshold)
            {
                order.Add(i);
            }
        }

        order.Sort((a, b) =>
        {
            var byScore = candidates[b].Score.CompareTo(candidates[a].Score);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        var selected = new List<int>(Math.Min(maxOutput, order.Count));
        foreach (var index in order)
        {
            if (selected.Count >= maxOutput)
            {
                break;
            }

            var suppressed = false;
            for (var j = selected.Count - 1; j >= 0 && !suppressed; j--)
            {
                suppressed = IntersectionOverUnion(candidates[index], candidates[selected[j]]) >= iouThreshold;
            }

            if (!suppressed)
            {
                selected.Add(index);
            }
        }

        return selected;
    }

    /// <summary>IoU of two boxes given by corners in any order; 0 when either has no area.</summary>
    public static float IntersectionOverUnion(CenterNetCandidate a, CenterNetCandidate b)
    {
        var (ax0, ax1) = (MathF.Min(a.X1, a.X2), MathF.Max(a.X1, a.X2));
        var (ay0, ay1) = (MathF.Min(a.Y1, a.Y2), MathF.Max(a.Y1, a.Y2));
        var (bx0, bx1) = (MathF.Min(b.X1, b.X2), MathF.Max(b.X1, b.X2));
        var (by0, by1) = (MathF.Min(b.Y1, b.Y2), MathF.Max(b.Y1, b.Y2));
        var areaA = (ay1 - ay0) * (ax1 - ax0);
        var areaB = (by1 - by0) * (bx1 - bx0);
        if (areaA <= 0 || areaB <= 0)
        {
            return 0f;
        }

        var intersection = MathF.Max(MathF.Min(ay1, by1) - MathF.Max(ay0, by0), 0f) * MathF.Max(MathF.Min(ax1, bx1) - MathF.Max(ax0, bx0), 0f);
        return intersection / (areaA + areaB - intersection);
    }
}
