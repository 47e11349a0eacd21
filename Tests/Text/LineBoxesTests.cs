using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

/// <summary>Detection boxes that are pieces of one line are read as that line; boxes of separate texts stay apart.</summary>
public sealed class LineBoxesTests
{
    [Fact]
    public void Two_pieces_of_one_row_that_overlap_become_one_box()
    {
        var por = new TextBox(100, 50, 60, 30, 0.9);
        var score = new TextBox(150, 52, 140, 28, 0.7);

        var joined = LineBoxes.Joined([por, score]);

        joined.Should().ContainSingle().Which.Should().Be(new TextBox(100, 50, 190, 30, ((0.9 * 60 * 30) + (0.7 * 140 * 28)) / ((60 * 30) + (140 * 28))));
    }

    [Fact]
    public void A_chain_of_overlapping_pieces_joins_whole_whatever_their_order()
    {
        TextBox[] pieces = [new(300, 10, 80, 20, 0.8), new(100, 10, 90, 20, 0.8), new(180, 11, 130, 19, 0.8)];

        LineBoxes.Joined(pieces).Should().ContainSingle().Which.X.Should().Be(100);
    }

    [Theory]
    [InlineData(170, 50, 30)] // a gap between them: two texts on one row
    [InlineData(150, 75, 30)] // overlapping columns, but the second mostly below: two rows
    [InlineData(150, 45, 60)] // twice the height: another text size
    public void Boxes_of_separate_texts_stay_apart(double x, double y, double height)
    {
        var first = new TextBox(100, 50, 60, 30, 0.9);

        LineBoxes.Joined([first, new TextBox(x, y, 100, height, 0.9)]).Should().HaveCount(2);
    }
}
