using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

/// <summary>A line found in two overlapping regions of one frame is read once, in the region that holds it whole.</summary>
public sealed class CoveredBoxesTests
{
    [Fact]
    public void A_line_cut_at_a_smaller_regions_edge_is_covered_by_the_whole_line_in_the_other_region()
    {
        var whole = new TextBox(100, 600, 300, 40, 0.9);
        var cut = new TextBox(100, 602, 180, 36, 0.9);
        var elsewhere = new TextBox(800, 40, 120, 30, 0.9);

        var covers = CoveredBoxes.Find([[cut, elsewhere], [whole]], [0, 0], 0.5);

        covers[0][0].Should().Be((1, 0), "the cut line lies inside the whole one");
        covers[0][1].Should().BeNull("nothing else holds this line");
        covers[1][0].Should().BeNull("the larger box is read itself");
    }

    [Fact]
    public void Boxes_are_covered_only_by_another_region_of_the_same_frame_and_only_when_mostly_inside()
    {
        var large = new TextBox(0, 0, 200, 40, 0.9);
        var inside = new TextBox(10, 5, 100, 30, 0.9);
        var halfOut = new TextBox(150, 0, 200, 40, 0.9);

        CoveredBoxes.Find([[large, inside]], [0], 0.5)[0].Should().OnlyContain(c => c == null, "boxes of one region are the network's own answer");
        CoveredBoxes.Find([[inside], [large]], [0, 1], 0.5)[0][0].Should().BeNull("another frame's region");
        CoveredBoxes.Find([[inside], [large]], [null, 0], 0.5)[0][0].Should().BeNull("a region read for several frames stands apart");
        CoveredBoxes.Find([[halfOut], [large]], [0, 0], 0.5)[0][0].Should().BeNull("a quarter of it lies inside the other");
    }
}
