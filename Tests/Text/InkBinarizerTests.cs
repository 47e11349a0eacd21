using Glance.Detection.Local.Imaging;

namespace Glance.Tests.Text;

public sealed class InkBinarizerTests
{
    [Theory]
    [InlineData(20, 230, false)]
    [InlineData(230, 20, true)]
    public void Strokes_become_black_ink_in_the_map_of_their_polarity(byte plate, byte stroke, bool darkInk)
    {
        // A plate with three vertical strokes: light on dark and dark on light must binarize alike.
        var image = new GreyImage(120, 60);
        image.Pixels.AsSpan().Fill(plate);
        foreach (var x in new[] { 30, 55, 80 })
        {
            for (var y = 15; y < 45; y++)
            {
                image.Row(y).Slice(x, 6).Fill(stroke);
            }
        }

        var (dark, bright) = InkBinarizer.Binarize(image, radius: 10, minStandardDeviation: 20, k: 0.3);
        var (ink, other) = darkInk ? (dark, bright) : (bright, dark);

        ink.Row(30)[32].Should().Be(InkBinarizer.Ink, "the middle of a stroke is ink");
        ink.Row(30)[45].Should().Be(InkBinarizer.Paper, "the plate between strokes is paper");
        ink.Row(5)[5].Should().Be(InkBinarizer.Paper, "a flat area is paper");
        other.Row(30)[32].Should().Be(InkBinarizer.Paper, "a stroke is not ink of the other polarity");
    }

    [Fact]
    public void Components_of_a_binary_image_are_labelled_with_their_boxes()
    {
        var image = new GreyImage(20, 10);
        image.Pixels.AsSpan().Fill(InkBinarizer.Paper);
        image.Row(2).Slice(2, 3).Fill(InkBinarizer.Ink);
        image.Row(3)[5] = InkBinarizer.Ink; // touches the run above diagonally: same component
        image.Row(6).Slice(10, 4).Fill(InkBinarizer.Ink);

        var components = ConnectedComponents.Label(image);

        components.Components.Select(c => c.Bounds).Should().BeEquivalentTo(new[] { new PixelRect(2, 2, 4, 2), new PixelRect(10, 6, 4, 1) });
        components.Components.Select(c => c.PixelCount).Should().BeEquivalentTo(new[] { 4, 4 });
        var redrawn = components.Render(new HashSet<int> { 1 });
        redrawn.Row(6)[11].Should().Be(InkBinarizer.Ink);
        redrawn.Row(2)[2].Should().Be(InkBinarizer.Paper);
    }
}
