namespace Glance.Detection;

/// <summary>A box relative to the frame: every value in 0..1, origin top-left.</summary>
public readonly record struct BoundingBox(double X, double Y, double Width, double Height)
{
    public static BoundingBox FromPixels(double x, double y, double width, double height, int frameWidth, int frameHeight)
    {
        var left = Math.Clamp(x / frameWidth, 0, 1);
        var top = Math.Clamp(y / frameHeight, 0, 1);
        var right = Math.Clamp((x + width) / frameWidth, 0, 1);
        var bottom = Math.Clamp((y + height) / frameHeight, 0, 1);
        return new BoundingBox(left, top, right - left, bottom - top);
    }
}
