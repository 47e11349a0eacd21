using Glance.Detection.Local.Text;

namespace Glance.Tests.Text;

public sealed class TesseractTsvTests
{
    private const string Header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    [Fact]
    public void Words_come_with_confidence_box_and_line()
    {
        var tsv = Header
            + "1\t1\t0\t0\t0\t0\t0\t0\t640\t360\t-1\t\n"
            + "4\t1\t2\t1\t1\t0\t32\t30\t200\t19\t-1\t\n"
            + "5\t1\t2\t1\t1\t1\t32\t30\t58\t19\t94.918037\tPOR\n"
            + "5\t1\t2\t1\t1\t2\t103\t30\t13\t19\t85.5\t1\r\n"
            + "5\t1\t2\t1\t1\t3\t128\t39\t8\t4\t80\t \n";

        var words = TesseractTsv.Parse(tsv);

        words.Should().HaveCount(2);
        words[0].Should().Be(new TesseractWord("POR", 94.918037, 32, 30, 58, 19, 2, 1, 1));
        words[1].Text.Should().Be("1");
        words[1].Confidence.Should().Be(85.5);
    }

    [Fact]
    public void Output_without_the_header_is_refused()
    {
        var act = () => TesseractTsv.Parse("5\t1\t2\t1\t1\t1\t32\t30\t58\t19\t94\tPOR\n");

        act.Should().Throw<TesseractOutputException>().WithMessage("*header*");
    }

    [Theory]
    [InlineData("5\t1\t2\t1\t1\t1\t32\t30\t58\t19\tPOR\n", "fields")]
    [InlineData("5\t1\t2\t1\t1\t1\tleft\t30\t58\t19\t94\tPOR\n", "not an integer")]
    [InlineData("5\t1\t2\t1\t1\t1\t32\t30\t58\t19\tNaN\tPOR\n", "not a number")]
    public void Malformed_rows_are_refused_with_the_line_number(string row, string reason)
    {
        var act = () => TesseractTsv.Parse(Header + row);

        act.Should().Throw<TesseractOutputException>().WithMessage($"*line 2*{reason}*");
    }

    [Fact]
    public void Empty_output_is_refused()
    {
        var act = () => TesseractTsv.Parse(string.Empty);

        act.Should().Throw<TesseractOutputException>();
    }
}
