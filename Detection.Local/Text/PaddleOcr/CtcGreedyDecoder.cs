using System.Numerics.Tensors;

namespace Glance.Detection.Local.Text.PaddleOcr;

/// <param name="Step">The recognizer's time step the character was read at (its position along the line).</param>
public readonly record struct DecodedCharacter(string Text, float Probability, int Step);

/// <summary>
/// Best-path CTC decoding of the recognizer's per-step class probabilities: the most likely class at each step, repeats
/// merged, blanks (class 0) dropped. PaddleOCR decodes the same way; beam search buys little on single lines.
/// </summary>
public static class CtcGreedyDecoder
{
    public const int Blank = 0;

    /// <param name="probabilities">steps x classes, row-major, each row summing to 1.</param>
    /// <param name="characters">The text of each class; index 0 is the blank.</param>
    public static IReadOnlyList<DecodedCharacter> Decode(ReadOnlySpan<float> probabilities, int steps, int classes, IReadOnlyList<string> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        ArgumentOutOfRangeException.ThrowIfLessThan(probabilities.Length, steps * classes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, characters.Count);
        var decoded = new List<DecodedCharacter>();
        var previous = Blank;
        for (var step = 0; step < steps; step++)
        {
            var row = probabilities.Slice(step * classes, classes);
            var best = TensorPrimitives.IndexOfMax(row);
            if (best != Blank && best != previous)
            {
                decoded.Add(new DecodedCharacter(characters[best], row[best], step));
            }

            previous = best;
        }

        return decoded;
    }
}
