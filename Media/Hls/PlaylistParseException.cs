namespace Glance.Media.Hls;

/// <summary>A playlist that cannot be parsed: the message names the line and what is wrong with it.</summary>
public sealed class PlaylistParseException : FormatException
{
    public PlaylistParseException(string reason, int lineNumber)
        : base(lineNumber > 0 ? $"Line {lineNumber}: {reason}" : reason)
    {
        Reason = reason;
        LineNumber = lineNumber;
    }

    /// <summary>1-based line number the problem was found on; 0 when the playlist as a whole is refused (a size cap, bad UTF-8 is still given its line).</summary>
    public int LineNumber { get; }

    /// <summary>The message without the line prefix.</summary>
    public string Reason { get; }
}
