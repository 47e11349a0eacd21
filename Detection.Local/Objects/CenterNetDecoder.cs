namespace Glance.Detection.Local.Objects;

/// <summary>
/// From CenterNet's candidates to objects, as human's centernet.ts does it: class-agnostic non-maximum suppression on
/// the boxes, then the COCO label and the box relative to the frame (the network saw the whole frame squashed to its
/// square input, so input-relative coordinates are frame-relative).
/// </summary>
public static class CenterNetDecoder
{
    /// <param name="minScore">Candidates must score above this.</param>
    public static List<DetectedObject> Decode(IReadOnlyList<CenterNetCandidate> candidates, float minScore, int maxObjects, float iouThreshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var objects = new List<DetectedObject>();
        foreach (var index in NonMaxSuppression.Select(candidates, maxObjects, iouThreshold, minScore))
        {
            var c = candidates[index];
            if ((uint)c.ClassId >= (uint)CocoLabels.Names.Count)
            {
                continue;
            }

            const float size = CenterNetNetwork.InputSize;
            var box = BoundingBox.FromPixels(c.X1, c.Y1, c.X2 - c.X1, c.Y2 - c.Y1, (int)size, (int)size);
            objects.Add(new DetectedObject(CocoLabels.Names[c.ClassId], c.ClassId, c.Score, box));
        }

        return objects;
    }
}
