namespace Glance.Detection.Rekognition.Wire;

/// <summary>
/// Rekognition's box: already relative to the image (ratios of its width and height). It may reach slightly outside
/// the image (negative or above 1), so it is clamped when mapped to the common contract.
/// </summary>
public sealed record RekognitionBoundingBox(double? Width, double? Height, double? Left, double? Top)
{
    /// <summary>The box clamped to the frame, or null when a member is missing or the box lies outside the frame.</summary>
    public BoundingBox? ToRelativeBox()
    {
        if (Width is not { } width || Height is not { } height || Left is not { } left || Top is not { } top
            || !double.IsFinite(width) || !double.IsFinite(height) || !double.IsFinite(left) || !double.IsFinite(top))
        {
            return null;
        }

        var (x, clampedWidth) = Clamp(left, width);
        var (y, clampedHeight) = Clamp(top, height);
        return clampedWidth > 0 && clampedHeight > 0 ? new BoundingBox(x, y, clampedWidth, clampedHeight) : null;
    }

    /// <summary>Keeps the values exactly as sent when they are inside the frame (the common case).</summary>
    private static (double Start, double Length) Clamp(double start, double length)
    {
        if (start >= 0 && length >= 0 && start + length <= 1)
        {
            return (start, length);
        }

        var from = Math.Clamp(start, 0, 1);
        var to = Math.Clamp(start + length, 0, 1);
        return (from, to - from);
    }
}
