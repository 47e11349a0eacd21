using Glance.Detection.Local.Imaging;

namespace Glance.Tests.Text;

/// <summary>Cleaned line crops drawn by hand: black vertical bars (letters) on white paper.</summary>
internal static class InkCrops
{
    public static GreyImage Bars(int width, int height, params (int X, int Width)[] bars)
    {
        var image = new GreyImage(width, height);
        image.Pixels.AsSpan().Fill(255);
        foreach (var (x, barWidth) in bars)
        {
            for (var y = 4; y < height - 4; y++)
            {
                image.Row(y).Slice(x, barWidth).Clear();
            }
        }

        return image;
    }
}
