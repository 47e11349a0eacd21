namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>What the recognizer read in one detected box, positions as fractions of the box's width.</summary>
/// <param name="Confidence">Mean probability of the line's characters, 0..1.</param>
/// <param name="Characters">In reading order, spaces included where the recognizer saw them.</param>
public sealed record LineReading(double Confidence, IReadOnlyList<ReadCharacter> Characters)
{
    /// <summary>A box read as nothing worth keeping; remembered too, so it is not read again.</summary>
    public static LineReading Nothing { get; } = new(0, []);
}

/// <param name="Left">Start of the character, as a fraction of its box's width.</param>
/// <param name="Right">End of the character, as a fraction of its box's width.</param>
public readonly record struct ReadCharacter(string Text, double Probability, double Left, double Right)
{
    public bool IsSpace => Text == " ";

    public double Centre => (Left + Right) / 2;
}
