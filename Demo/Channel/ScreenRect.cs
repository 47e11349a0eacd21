namespace Glance.Demo.Channel;

/// <summary>A rectangle of the channel's picture, in pixels from the top-left corner.</summary>
public readonly record struct ScreenRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}
