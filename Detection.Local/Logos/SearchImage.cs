using System.Numerics;
using System.Runtime.InteropServices;
namespace Glance.Detection.Local.Logos;

/// <summary>
/// A rectangle of a grey picture prepared for normalized cross-correlation: its pixels as floats and per-row prefix
/// sums of values and squares, from which the mean and variance under a masked template come in O(runs) per position.
/// </summary>
internal sealed class SearchImage
{
    private readonly float[] pixels;
    private readonly double[] prefix;
    private readonly double[] prefixSquares;

    public SearchImage(GreyImage image, PixelRect rect)
    {
        Rect = rect;
        var width = rect.Width;
        pixels = new float[rect.Area];
        prefix = new double[(width + 1) * rect.Height];
        prefixSquares = new double[(width + 1) * rect.Height];
        for (var y = 0; y < rect.Height; y++)
        {
            var row = image.Row(rect.Y + y).Slice(rect.X, width);
            double sum = 0, squares = 0;
            var p = y * (width + 1);
            for (var x = 0; x < width; x++)
            {
                float value = row[x];
                pixels[(y * width) + x] = value;
                sum += value;
                squares += value * value;
                prefix[p + x + 1] = sum;
                prefixSquares[p + x + 1] = squares;
            }
        }
    }

    /// <summary>Where this search image lies in its source picture.</summary>
    public PixelRect Rect { get; }

    /// <summary>
    /// The NCC score (-1..1) of the template at every position where it fits entirely, row-major with
    /// <paramref name="columns"/> per row; windows flatter than <paramref name="minStandardDeviation"/> score 0.
    /// </summary>
    public float[] Scores(ScaledTemplate template, double minStandardDeviation, out int columns, out int rows)
    {
        var width = Rect.Width;
        columns = width - template.Width + 1;
        rows = Rect.Height - template.Height + 1;
        if (columns <= 0 || rows <= 0)
        {
            columns = rows = 0;
            return [];
        }

        var scores = new float[columns * rows];
        var numerator = new float[columns];
        var sums = new double[columns];
        var squares = new double[columns];
        double count = template.Count;
        var minVariance = minStandardDeviation * minStandardDeviation * count;
        var values = template.Values;
        for (var y = 0; y < rows; y++)
        {
            Array.Clear(numerator);
            Array.Clear(sums);
            Array.Clear(squares);
            for (var r = 0; r < template.Height; r++)
            {
                var rowStart = (y + r) * width;
                for (var c = 0; c < template.Width; c++)
                {
                    var weight = values[(r * template.Width) + c];
                    if (weight != 0)
                    {
                        MultiplyAdd(numerator, pixels.AsSpan(rowStart + c, columns), weight);
                    }
                }

                var p = (y + r) * (width + 1);
                foreach (var (start, end) in template.Runs[r])
                {
                    for (var x = 0; x < columns; x++)
                    {
                        sums[x] += prefix[p + x + end] - prefix[p + x + start];
                        squares[x] += prefixSquares[p + x + end] - prefixSquares[p + x + start];
                    }
                }
            }

            var output = scores.AsSpan(y * columns, columns);
            for (var x = 0; x < columns; x++)
            {
                var variance = squares[x] - (sums[x] * sums[x] / count);
                output[x] = variance <= minVariance ? 0 : (float)(numerator[x] / (template.Norm * Math.Sqrt(variance)));
            }
        }

        return scores;
    }

    /// <summary>accumulator += source * weight, vectorized.</summary>
    private static void MultiplyAdd(Span<float> accumulator, ReadOnlySpan<float> source, float weight)
    {
        ref var acc = ref MemoryMarshal.GetReference(accumulator);
        ref var src = ref MemoryMarshal.GetReference(source);
        var length = accumulator.Length;
        var factor = new Vector<float>(weight);
        var i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var sum = Vector.LoadUnsafe(ref acc, (nuint)i) + (Vector.LoadUnsafe(ref src, (nuint)i) * factor);
            sum.StoreUnsafe(ref acc, (nuint)i);
        }

        for (; i < length; i++)
        {
            accumulator[i] += source[i] * weight;
        }
    }
}
