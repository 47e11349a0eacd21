namespace Glance.Media.Hls;

/// <summary>
/// Walks an RFC 8216 attribute list (section 4.2) without allocating: NAME=value pairs separated by commas, where a
/// value is either a quoted string (which may contain commas) or runs to the next comma.
/// </summary>
internal ref struct AttributeReader
{
    private readonly int lineNumber;
    private readonly bool lenient;
    private ReadOnlySpan<char> rest;

    /// <param name="lenient">
    /// For the vendor cue tags, which are not RFC 8216 attribute lists: names keep their case and a bare word with no
    /// '=' is accepted (with an empty value) instead of being an error.
    /// </param>
    public AttributeReader(ReadOnlySpan<char> list, int lineNumber, bool lenient = false)
    {
        rest = list;
        this.lineNumber = lineNumber;
        this.lenient = lenient;
    }

    public bool MoveNext(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value, out bool quoted)
    {
        name = default;
        value = default;
        quoted = false;
        rest = rest.TrimStart();
        while (!rest.IsEmpty && rest[0] == ',')
        {
            // Tolerate an empty element (",,") and a trailing comma: they carry nothing.
            rest = rest[1..].TrimStart();
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        var equals = rest.IndexOfAny('=', ',');
        if (equals < 0 || rest[equals] == ',')
        {
            var bare = equals < 0 ? rest : rest[..equals];
            if (!lenient)
            {
                throw new PlaylistParseException($"attribute '{Shorten(bare.Trim())}' has no value", lineNumber);
            }

            name = bare.Trim();
            rest = equals < 0 ? default : rest[(equals + 1)..];
            return true;
        }

        name = rest[..equals].TrimEnd();
        if (name.IsEmpty)
        {
            throw new PlaylistParseException("attribute with an empty name", lineNumber);
        }

        if (!lenient && !IsAttributeName(name))
        {
            throw new PlaylistParseException($"'{Shorten(name)}' is not a valid attribute name", lineNumber);
        }

        rest = rest[(equals + 1)..].TrimStart();
        if (!rest.IsEmpty && rest[0] == '"')
        {
            var close = rest[1..].IndexOf('"');
            if (close < 0)
            {
                throw new PlaylistParseException($"attribute {Shorten(name)} has an unterminated quoted string", lineNumber);
            }

            value = rest.Slice(1, close);
            quoted = true;
            rest = rest[(close + 2)..].TrimStart();
            if (!rest.IsEmpty && rest[0] != ',')
            {
                throw new PlaylistParseException($"unexpected text after the quoted value of {Shorten(name)}", lineNumber);
            }

            return true;
        }

        var comma = rest.IndexOf(',');
        value = (comma < 0 ? rest : rest[..comma]).TrimEnd();
        rest = comma < 0 ? default : rest[comma..];
        if (value.IsEmpty && !lenient)
        {
            throw new PlaylistParseException($"attribute {Shorten(name)} has an empty value", lineNumber);
        }

        return true;
    }

    internal static string Shorten(ReadOnlySpan<char> text) =>
        text.Length <= 64 ? text.ToString() : string.Concat(text[..61], "...");

    private static bool IsAttributeName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            // RFC 8216 allows [A-Z0-9-]; lower case is accepted because some servers write it and it harms nothing.
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
