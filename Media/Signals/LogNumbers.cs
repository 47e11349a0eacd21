using System.Globalization;

namespace Glance.Media.Signals;

/// <summary>Reads the numbers ffmpeg filters print after a label ("black_start:0", "S: -22.1", "Peak: -inf dBFS").</summary>
internal static class LogNumbers
{
    /// <summary>The number right after <paramref name="label"/> (spaces skipped), or null when absent or not a number.</summary>
    public static double? After(ReadOnlySpan<char> line, ReadOnlySpan<char> label)
    {
        var at = line.IndexOf(label, StringComparison.Ordinal);
        return at < 0 ? null : Parse(line[(at + label.Length)..]);
    }

    /// <summary>Like <see cref="After"/> but the label must start the line or follow a space, so "S:" does not match "FTPK: ... TPK:".</summary>
    public static double? AfterWord(ReadOnlySpan<char> line, ReadOnlySpan<char> label)
    {
        var offset = 0;
        while (offset < line.Length)
        {
            var at = line[offset..].IndexOf(label, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            at += offset;
            if (at == 0 || line[at - 1] == ' ')
            {
                return Parse(line[(at + label.Length)..]);
            }

            offset = at + label.Length;
        }

        return null;
    }

    private static double? Parse(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(' ');
        var end = rest.IndexOfAny(' ', '|', '\t');
        var token = end < 0 ? rest : rest[..end];
        if (token.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.NegativeInfinity;
        }

        if (token.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) ? value : null;
    }
}
