using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

/// <summary>Where the recognizer's line reading is cut into words: its own spaces, the line finder's word gaps, and stray letters.</summary>
public sealed class WordSplitterTests
{
    /// <summary>A 100 px wide box at x = 0; each character takes 10 px, so character i spans i*10 .. i*10+10.</summary>
    private static readonly TextBox Box = new(0, 0, 100, 20, 1);

    [Fact]
    public void Missing_spaces_come_back_where_the_finder_saw_word_gaps()
    {
        // "POR1-0SAN": finder words POR (0-30), 1-0 (30-60, with gaps either side), SAN (60-90).
        var words = Split("POR1-0SAN", Rect(0, 28), Rect(32, 58), Rect(62, 90));

        words.Should().Equal("POR", "1-0", "SAN");
    }

    [Fact]
    public void A_single_letter_at_the_end_set_apart_only_by_a_finder_gap_joins_its_word()
    {
        // "SPORTS" in a spaced logo font: the finder cut before the last S.
        Split("SPORTS", Rect(0, 48), Rect(52, 60)).Should().Equal("SPORTS");
        Split("XGTV", Rect(0, 8), Rect(12, 40)).Should().Equal("XGTV");
    }

    [Fact]
    public void A_letter_the_recognizer_set_apart_and_one_between_two_words_stay_words_while_an_edge_one_joins()
    {
        Split("GO A", Rect(0, 40)).Should().Equal("GO", "A");
        Split("PORVSAN", Rect(0, 28), Rect(32, 38), Rect(42, 70)).Should().Equal("POR", "V", "SAN");
        Split("1-0X", Rect(0, 28), Rect(32, 40)).Should().Equal(new[] { "1-0X" }, "a stray letter joins a word of digits too");
    }

    private static List<string> Split(string text, params PixelRect[] finderWords)
    {
        var characters = text.Select((c, i) => new ReadCharacter(c.ToString(), 0.9, i / 10.0, (i + 1) / 10.0)).ToList();
        return [.. WordSplitter.Split(Box, new LineReading(0.9, characters), finderWords).Select(w => w.Text)];
    }

    private static PixelRect Rect(int left, int right) => new(left, 0, right - left, 20);
}
