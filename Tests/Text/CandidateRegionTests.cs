using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

public sealed class CandidateRegionTests
{
    private static readonly PixelRect Plate = new(40, 36, 420, 72);

    [Fact]
    public void The_same_words_moved_a_little_show_the_same_text_and_say_how_far()
    {
        var shown = Region(Plate, Word(60, 50, 1), Word(200, 50, 2));
        var moved = Region(Plate with { X = 42, Y = 37 }, Word(62, 51, 1), Word(202, 51, 2));

        shown.ShowsSameTextAs(moved, out var shift).Should().BeTrue();

        shift.Should().Be((2.0, 1.0));
    }

    [Fact]
    public void Words_listed_in_another_order_are_still_paired()
    {
        var shown = Region(Plate, Word(60, 50, 1), Word(200, 50, 2));
        var listedOtherwise = Region(Plate, Word(200, 51, 2), Word(60, 50, 1));

        shown.ShowsSameTextAs(listedOtherwise, out _).Should().BeTrue();
    }

    [Fact]
    public void A_changed_word_is_other_text()
    {
        var shown = Region(Plate, Word(60, 50, 1), Word(200, 50, 2));
        var changed = Region(Plate, Word(60, 50, 1), Word(200, 50, 3));

        shown.ShowsSameTextAs(changed, out _).Should().BeFalse();
    }

    [Fact]
    public void A_word_more_is_other_text()
    {
        var shown = Region(Plate, Word(60, 50, 1));
        var longer = Region(Plate, Word(60, 50, 1), Word(200, 50, 2));

        shown.ShowsSameTextAs(longer, out _).Should().BeFalse();
        longer.ShowsSameTextAs(shown, out _).Should().BeFalse();
    }

    [Fact]
    public void A_word_moved_within_the_region_is_other_text()
    {
        var shown = Region(Plate, Word(60, 50, 1), Word(200, 50, 2));
        var rearranged = Region(Plate, Word(60, 50, 1), Word(240, 50, 2));

        shown.ShowsSameTextAs(rearranged, out _).Should().BeFalse();
    }

    [Fact]
    public void Another_text_size_is_other_text()
    {
        var shown = Region(Plate, Word(60, 50, 1));
        var larger = Region(Plate, Word(60, 50, 1)) with { Scale = 0.8 };

        shown.ShowsSameTextAs(larger, out _).Should().BeFalse();
    }

    private static CandidateRegion Region(PixelRect rect, params CropSignature[] crops) => new(rect, 1, crops);

    /// <summary>A word of bars at a frame place; the variant picks which bars, so two variants are different words.</summary>
    private static CropSignature Word(int x, int y, int variant)
    {
        var image = variant switch
        {
            1 => InkCrops.Bars(90, 40, (8, 6), (30, 6), (52, 6)),
            2 => InkCrops.Bars(90, 40, (8, 6), (40, 6), (70, 6)),
            _ => InkCrops.Bars(90, 40, (8, 6), (40, 6), (60, 6)),
        };
        return new CropSignature(new PixelRect(x, y, image.Width, image.Height), InkMask.Of(image));
    }
}
