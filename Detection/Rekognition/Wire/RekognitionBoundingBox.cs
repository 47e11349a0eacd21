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

        var x0 = Math.Clamp(left, 0, 1);
        var y0 = Math.Clamp(top, 0, 1);
        var x1 = Math.Clamp(left + width, 0, 1);
        var y1 = Math.Clamp(top + height, 0, 1);
        return x1 > x0 && y1 > y0 ? new BoundingBox(x0, y0, x1 - x0, y1 - y0) : null;
    }
}
