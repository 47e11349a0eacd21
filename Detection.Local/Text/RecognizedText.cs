namespace Glance.Detection.Local.Text;

/// <summary>Everything read in one frame: the words (for matching) and the lines they form (for people to read).</summary>
public sealed record RecognizedText(IReadOnlyList<RecognizedWord> Words, IReadOnlyList<RecognizedLine> Lines)
{
    public static RecognizedText Empty { get; } = new([], []);
}

/// <param name="Confidence">0..1.</param>
/// <param name="Line">Index into <see cref="RecognizedText.Lines"/>; words of one line are in reading order.</param>
public sealed record RecognizedWord(string Text, double Confidence, BoundingBox Box, int Line);

/// <param name="Confidence">Mean confidence of the line's words that hold a letter or digit, 0..1.</param>
/// <param name="Box">Around the words that hold a letter or digit (stray marks read at plate edges are left out).</param>
public sealed record RecognizedLine(string Text, double Confidence, BoundingBox Box);
