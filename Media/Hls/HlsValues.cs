using System.Globalization;

namespace Glance.Media.Hls;

/// <summary>Parsers for the RFC 8216 value types (section 4.2); every failure names the line.</summary>
internal static class HlsValues
{
    public static long Integer(ReadOnlySpan<char> text, string what, int lineNumber) =>
        TryInteger(text, out var value)
            ? value
            : throw new PlaylistParseException($"{what} '{AttributeReader.Shorten(text)}' is not a decimal integer", lineNumber);

    /// <summary>decimal-integer: digits only, no sign, no exponent.</summary>
    public static bool TryInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        return !text.IsEmpty && text.Length <= 19 && IsDigits(text) &&
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The decimal number a text starts with ("10.5" of "10.5 junk"), the way players read an EXTINF duration; its
    /// length in characters, 0 when the text does not start with a digit or a point followed by one.
    /// </summary>
    public static int LeadingDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var length = digits;
        if (length < text.Length && text[length] == '.')
        {
            var fraction = length + 1;
            while (fraction < text.Length && char.IsAsciiDigit(text[fraction]))
            {
                fraction++;
            }

            if (fraction > length + 1 || digits > 0)
            {
                length = fraction;
            }
        }

        if (length == 0 || (digits == 0 && length == 1) ||
            !double.TryParse(text[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) ||
            !double.IsFinite(value))
        {
            value = 0;
            return 0;
        }

        return length;
    }

    public static int Int32(ReadOnlySpan<char> text, string what, int lineNumber)
    {
        var value = Integer(text, what, lineNumber);
        if (value > int.MaxValue)
        {
            throw new PlaylistParseException($"{what} {value} is too large", lineNumber);
        }

        return (int)value;
    }

    public static double Float(ReadOnlySpan<char> text, string what, int lineNumber, bool signed = false)
    {
        var styles = NumberStyles.AllowDecimalPoint | (signed ? NumberStyles.AllowLeadingSign : NumberStyles.None);
        if (text.IsEmpty || !(char.IsAsciiDigit(text[0]) || text[0] is '.' or '-' or '+') ||
            !double.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new PlaylistParseException(
                $"{what} '{AttributeReader.Shorten(text)}' is not a {(signed ? "signed " : string.Empty)}decimal number", lineNumber);
        }

        return value;
    }

    public static bool YesNo(ReadOnlySpan<char> text, string what, int lineNumber) => text switch
    {
        "YES" => true,
        "NO" => false,
        _ => throw new PlaylistParseException($"{what} must be YES or NO, not '{AttributeReader.Shorten(text)}'", lineNumber),
    };

    public static Resolution Resolution(ReadOnlySpan<char> text, int lineNumber)
    {
        var x = text.IndexOfAny('x', 'X');
        if (x <= 0 || !IsDigits(text[..x]) || !IsDigits(text[(x + 1)..]) ||
            !int.TryParse(text[..x], NumberStyles.None, CultureInfo.InvariantCulture, out var width) ||
            !int.TryParse(text[(x + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            throw new PlaylistParseException($"RESOLUTION '{AttributeReader.Shorten(text)}' is not WIDTHxHEIGHT", lineNumber);
        }

        return new Resolution(width, height);
    }

    /// <summary>"n[@o]" as in EXT-X-BYTERANGE; the offset is null when not written.</summary>
    public static (long Length, long? Offset) ByteRange(ReadOnlySpan<char> text, int lineNumber)
    {
        var at = text.IndexOf('@');
        var length = Integer(at < 0 ? text : text[..at], "byte range length", lineNumber);
        long? offset = at < 0 ? null : Integer(text[(at + 1)..], "byte range offset", lineNumber);
        if (offset is { } o && o > long.MaxValue - length)
        {
            throw new PlaylistParseException("byte range runs past the largest possible offset", lineNumber);
        }

        return (length, offset);
    }

    /// <summary>A hex-sequence ("0x" then hex digits), validated and returned as written.</summary>
    public static string HexSequence(ReadOnlySpan<char> text, string what, int lineNumber)
    {
        if (text.Length < 3 || text[0] != '0' || (text[1] | 0x20) != 'x' || !IsHex(text[2..]))
        {
            throw new PlaylistParseException($"{what} '{AttributeReader.Shorten(text)}' is not a 0x hex sequence", lineNumber);
        }

        return text.ToString();
    }

    /// <summary>
    /// An ISO 8601 date-time as RFC 8216 uses it (RFC 3339 profile), tolerating what real servers write: a "+hhmm"
    /// offset without colon (ffmpeg), any number of fraction digits. A missing offset is read as UTC.
    /// </summary>
    public static DateTimeOffset DateTime(ReadOnlySpan<char> text, string what, int lineNumber)
    {
        if (!TryDateTime(text, out var value))
        {
            throw new PlaylistParseException($"{what} '{AttributeReader.Shorten(text)}' is not an ISO 8601 date-time", lineNumber);
        }

        return value;
    }

    /// <summary>Adds seconds to a date-time, refusing results outside the representable range.</summary>
    public static DateTimeOffset AddSeconds(DateTimeOffset start, double seconds, int lineNumber) =>
        TryAddSeconds(start, seconds, out var result)
            ? result
            : throw new PlaylistParseException("program date-time carried forward leaves the representable range", lineNumber);

    /// <summary>Adds seconds when both the UTC and the local clock value of the result stay representable.</summary>
    public static bool TryAddSeconds(DateTimeOffset start, double seconds, out DateTimeOffset result)
    {
        result = default;
        var ticks = seconds * TimeSpan.TicksPerSecond;
        var earliest = Math.Min(start.UtcTicks, start.Ticks);
        var latest = Math.Max(start.UtcTicks, start.Ticks);
        if (!(ticks < System.DateTime.MaxValue.Ticks - latest && ticks > System.DateTime.MinValue.Ticks - earliest))
        {
            return false;
        }

        result = start.AddTicks((long)Math.Round(ticks));
        return true;
    }

    private static bool TryDateTime(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;

        // YYYY-MM-DDThh:mm[:ss[.f...]][Z|+hh[:mm]|-hh[:mm]]
        if (s.Length < 16 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't' or ' ') || s[13] != ':' ||
            !TwoOrFour(s[..4], out var year) || !TwoOrFour(s[5..7], out var month) || !TwoOrFour(s[8..10], out var day) ||
            !TwoOrFour(s[11..13], out var hour) || !TwoOrFour(s[14..16], out var minute))
        {
            return false;
        }

        var i = 16;
        var second = 0;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (s.Length < i + 3 || !TwoOrFour(s.Slice(i + 1, 2), out second))
            {
                return false;
            }

            i += 3;
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                var start = i;
                long scale = TimeSpan.TicksPerSecond;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    scale /= 10;
                    fractionTicks += (s[i] - '0') * scale;
                    i++;
                }

                if (i == start)
                {
                    return false;
                }
            }
        }

        var offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            var sign = s[i];
            if (sign is 'Z' or 'z')
            {
                i++;
            }
            else if (sign is '+' or '-')
            {
                var zone = s[(i + 1)..];
                int offsetHours, offsetMinutes = 0;
                if (zone.Length == 2 && TwoOrFour(zone, out offsetHours))
                {
                }
                else if (zone.Length == 4 && TwoOrFour(zone[..2], out offsetHours) && TwoOrFour(zone[2..], out offsetMinutes))
                {
                }
                else if (zone.Length == 5 && zone[2] == ':' && TwoOrFour(zone[..2], out offsetHours) && TwoOrFour(zone[3..], out offsetMinutes))
                {
                }
                else
                {
                    return false;
                }

                if (offsetHours > 14 || offsetMinutes > 59)
                {
                    return false;
                }

                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                if (sign == '-')
                {
                    offset = -offset;
                }

                i = s.Length;
            }
            else
            {
                return false;
            }
        }

        if (i != s.Length || year < 1 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var localTicks = new System.DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - offset.Ticks;
        if (utcTicks < System.DateTime.MinValue.Ticks || utcTicks > System.DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(localTicks, offset);
        return true;
    }

    private static bool TwoOrFour(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
