using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

public sealed class InkMaskTests
{
    [Fact]
    public void Letters_whose_edges_flicker_by_a_pixel_are_the_same_ink()
    {
        var steady = InkCrops.Bars(120, 40, (10, 6), (30, 6), (62, 6), (90, 8));
        var flickered = InkCrops.Bars(120, 40, (9, 8), (30, 7), (63, 5), (89, 9));

        InkMask.Of(steady).Mismatch(InkMask.Of(flickered)).Should().Be(0, "every ink pixel of each lies within a pixel of the other's (one bar straddles a 64-bit word edge)");
    }

    [Fact]
    public void A_changed_character_leaves_ink_far_from_the_old()
    {
        var before = InkCrops.Bars(120, 40, (10, 6), (30, 6), (62, 6), (90, 8));
        var after = InkCrops.Bars(120, 40, (10, 6), (30, 6), (70, 6), (90, 8));

        InkMask.Of(before).Mismatch(InkMask.Of(after)).Should().BeGreaterThan(5 * CandidateRegion.MaxInkMismatch);
    }

    [Fact]
    public void Ink_beyond_the_other_crops_edge_counts_as_changed()
    {
        var shorter = InkCrops.Bars(100, 40, (10, 6), (30, 6));
        var longer = InkCrops.Bars(130, 40, (10, 6), (30, 6), (110, 6));

        var mismatch = InkMask.Of(shorter).Mismatch(InkMask.Of(longer));

        mismatch.Should().BeApproximately(1.0 / 5, 0.001, "one bar of five in both crops together has no counterpart");
        InkMask.Of(longer).Mismatch(InkMask.Of(shorter)).Should().Be(mismatch);
    }

    [Fact]
    public void Crops_without_ink_are_the_same()
    {
        var paper = new GreyImage(20, 10);
        paper.Pixels.AsSpan().Fill(255);

        InkMask.Of(paper).Mismatch(InkMask.Of(paper)).Should().Be(0);
        InkMask.Of(paper).InkPixels.Should().Be(0);
    }
}
