namespace Glance.Demo.Channel;

/// <summary>
/// Where the overlays sit in the channel's picture. Broadcast graphics scale with the frame height, so everything is
/// defined for a 720-line frame and scaled: the scoreboard plate top-left, the station logo top-right (at the size
/// its template has, see <see cref="DemoLogo.WidthOnAir"/>), the presenter's photo on the right below it.
/// </summary>
public sealed record DemoLayout(
    int Width,
    int Height,
    ScreenRect Scoreboard,
    ScreenRect ScoreboardText,
    int ScoreboardFontSize,
    ScreenRect Logo,
    ScreenRect Presenter)
{
    /// <summary>The frame height the logo template and every other size below are defined for.</summary>
    public const int ReferenceHeight = 720;

    public static DemoLayout Create(int width, int height, int logoWidth, int logoHeight, int photoWidth, int photoHeight)
    {
        if (width <= 0 || height <= 0 || logoWidth <= 0 || logoHeight <= 0 || photoWidth <= 0 || photoHeight <= 0)
        {
            throw new DemoChannelException($"Cannot lay out a {width}x{height} picture with a {logoWidth}x{logoHeight} logo and a {photoWidth}x{photoHeight} photo.");
        }

        var unit = (double)height / ReferenceHeight;
        int Scale(double value) => (int)Math.Round(value * unit);
        static int Even(double value) => Math.Max(2, 2 * (int)Math.Round(value / 2));

        var plate = new ScreenRect(Scale(40), Scale(36), Scale(420), Scale(72));
        var fontSize = Math.Max(8, Scale(44));
        var text = new ScreenRect(plate.X + Scale(24), plate.Y + Scale(14), plate.Width - Scale(48), fontSize);

        var logoOnAirWidth = Math.Max(1, Scale(logoWidth));
        var logoOnAirHeight = Math.Max(1, Scale(logoHeight));
        var logo = new ScreenRect(width - logoOnAirWidth - Scale(40), Scale(30), logoOnAirWidth, logoOnAirHeight);

        var photoHeightOnAir = Even(420 * unit);
        var photoWidthOnAir = Even((double)photoWidth * photoHeightOnAir / photoHeight);
        var maxPhotoWidth = width - plate.Right - Scale(100);
        if (photoWidthOnAir > maxPhotoWidth)
        {
            throw new DemoChannelException($"The presenter photo ({photoWidth}x{photoHeight}) is too wide for a {width}x{height} picture; crop it narrower.");
        }

        var presenter = new ScreenRect(width - photoWidthOnAir - Scale(60), ((height - photoHeightOnAir) / 2) + Scale(20), photoWidthOnAir, photoHeightOnAir);
        return new DemoLayout(width, height, plate, text, fontSize, logo, presenter);
    }
}
