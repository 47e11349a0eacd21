namespace Glance.Media.Hls;

/// <summary>
/// Collects the warnings of one parse within <see cref="PlaylistParserLimits.MaxWarnings"/> and
/// <see cref="PlaylistParserLimits.MaxWarningsPerCode"/>: a playlist repeating one violation on every line must neither
/// grow the result without bound nor crowd out the other violations. What is left out is only counted.
/// </summary>
internal sealed class PlaylistWarningLog(PlaylistParserLimits limits)
{
    private readonly List<PlaylistWarning> warnings = [];
    private Dictionary<string, int>? perCode;

    public int Omitted { get; private set; }

    public void Add(string code, int line, string message)
    {
        perCode ??= new Dictionary<string, int>(StringComparer.Ordinal);
        var ofThisCode = perCode.GetValueOrDefault(code);
        if (warnings.Count >= limits.MaxWarnings || ofThisCode >= limits.MaxWarningsPerCode)
        {
            Omitted++;
            return;
        }

        perCode[code] = ofThisCode + 1;
        warnings.Add(new PlaylistWarning(code, line, message));
    }

    public Playlist AttachTo(Playlist playlist) =>
        warnings.Count == 0 && Omitted == 0 ? playlist : playlist with { Warnings = [.. warnings.OrderBy(w => w.Line)], OmittedWarnings = Omitted };
}
