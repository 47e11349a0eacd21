namespace Glance.Detection.Local.Faces;

/// <summary>An integer pixel rectangle inside an image.</summary>
public readonly record struct PixelRegion(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>face-api's crop of a detection box: clipped at the image borders, then each value floored.</summary>
    public static PixelRegion ClipAndFloor(double x, double y, double width, double height, int imageWidth, int imageHeight)
    {
        var left = Math.Max(x, 0);
        var top = Math.Max(y, 0);
        var clippedWidth = Math.Min(x + width - left, imageWidth - left);
        var clippedHeight = Math.Min(y + height - top, imageHeight - top);
        return new PixelRegion((int)Math.Floor(left), (int)Math.Floor(top), (int)Math.Floor(clippedWidth), (int)Math.Floor(clippedHeight));
    }
}
