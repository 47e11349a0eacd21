namespace Glance.Detection.Local.Imaging;

/// <summary>An integer rectangle in pixels, origin top-left; the bridge between frame-relative boxes and pixel work.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public int Area => IsEmpty ? 0 : Width * Height;

    /// <summary>The pixels a relative box covers in a frame, rounded outwards and clipped to the frame.</summary>
    public static PixelRect FromBox(BoundingBox box, int frameWidth, int frameHeight)
    {
        var left = Math.Clamp((int)Math.Floor(box.X * frameWidth), 0, frameWidth);
        var top = Math.Clamp((int)Math.Floor(box.Y * frameHeight), 0, frameHeight);
        var right = Math.Clamp((int)Math.Ceiling((box.X + box.Width) * frameWidth), left, frameWidth);
        var bottom = Math.Clamp((int)Math.Ceiling((box.Y + box.Height) * frameHeight), top, frameHeight);
        return new PixelRect(left, top, right - left, bottom - top);
    }

    public BoundingBox ToBox(int frameWidth, int frameHeight) => BoundingBox.FromPixels(X, Y, Width, Height, frameWidth, frameHeight);

    public PixelRect Intersect(PixelRect other)
    {
        var left = Math.Max(X, other.X);
        var top = Math.Max(Y, other.Y);
        var right = Math.Min(Right, other.Right);
        var bottom = Math.Min(Bottom, other.Bottom);
        return right <= left || bottom <= top ? default : new PixelRect(left, top, right - left, bottom - top);
    }

    public PixelRect Union(PixelRect other)
    {
        if (IsEmpty)
        {
            return other;
        }

        if (other.IsEmpty)
        {
            return this;
        }

        var left = Math.Min(X, other.X);
        var top = Math.Min(Y, other.Y);
        return new PixelRect(left, top, Math.Max(Right, other.Right) - left, Math.Max(Bottom, other.Bottom) - top);
    }

    /// <summary>Intersection over union, 0..1.</summary>
    public double Overlap(PixelRect other)
    {
        var shared = Intersect(other).Area;
        var total = Area + other.Area - shared;
        return total <= 0 ? 0 : (double)shared / total;
    }
}
