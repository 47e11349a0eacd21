using Glance.Detection.Local.Text;

namespace Glance.Tests.Text;

public sealed class ReadableTextTests
{
    [Theory]
    [InlineData("POR 1 0 SAN", true)]
    [InlineData("GTV", true)]
    [InlineData("42", true)]
    [InlineData("1", false)]
    [InlineData("i", false)]
    [InlineData("ol !", false)]
    [InlineData("~) ;", false)]
    [InlineData("So 5", true)]
    [InlineData("ol", false)]
    [InlineData("fe", false)]
    [InlineData("VS", true)]
    [InlineData("FT", true)]
    [InlineData("Porto", true)]
    public void Only_lines_with_enough_letters_or_digits_are_reported(string text, bool readable)
    {
        LocalTextDetector.IsReadable(text, minCharacters: 2).Should().Be(readable);
    }
}
