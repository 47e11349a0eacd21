namespace Glance.Media.Signals;

/// <summary>
/// Collects what ffmpeg's blackdetect, freezedetect, silencedetect and ebur128 filters print on stderr. Times are seconds
/// relative to the start of the filter branch (the graph resets timestamps there so that ffmpeg's six-significant-digit
/// printing keeps sub-millisecond precision whatever the stream's timestamps are).
/// </summary>
internal sealed class DetectorLog
{
    private const double NoMeasurement = -120; // ebur128 prints -120.7 for a window without data
    private const int MaxIntervals = 10_000;

    private readonly List<(double Start, double? End)> black = [];
    private readonly List<(double Start, double? End)> freeze = [];
    private readonly List<(double Start, double? End)> silence = [];
    private bool inLoudnessSummary;
    private string? summarySection;

    public IReadOnlyList<(double Start, double? End)> Black => black;

    public IReadOnlyList<(double Start, double? End)> Freeze => freeze;

    public IReadOnlyList<(double Start, double? End)> Silence => silence;

    public double? ShortTermMax { get; private set; }

    public double? Integrated { get; private set; }

    public double? TruePeak { get; private set; }

    public bool LoudnessMeasured { get; private set; }

    /// <summary>Consumes the line if it is a detector report; returns whether it was.</summary>
    public bool TryConsume(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var span = line.AsSpan();
        if (inLoudnessSummary && !span.StartsWith("["))
        {
            ConsumeSummary(span);
            return true;
        }

        if (span.Contains("black_start:", StringComparison.Ordinal))
        {
            if (LogNumbers.After(span, "black_start:") is { } start && black.Count < MaxIntervals)
            {
                black.Add((start, LogNumbers.After(span, "black_end:")));
            }

            return true;
        }

        if (span.Contains("lavfi.freezedetect.freeze_", StringComparison.Ordinal))
        {
            Track(freeze, LogNumbers.After(span, "freeze_start:"), LogNumbers.After(span, "freeze_end:"));
            return true;
        }

        if (span.Contains("silence_start:", StringComparison.Ordinal) || span.Contains("silence_end:", StringComparison.Ordinal))
        {
            Track(silence, LogNumbers.After(span, "silence_start:"), LogNumbers.After(span, "silence_end:"));
            return true;
        }

        if (span.Contains("TARGET:", StringComparison.Ordinal) && span.Contains(" t: ", StringComparison.Ordinal))
        {
            LoudnessMeasured = true;
            if (LogNumbers.AfterWord(span, "S:") is { } shortTerm && shortTerm > NoMeasurement && !(shortTerm <= ShortTermMax))
            {
                ShortTermMax = shortTerm;
            }

            return true;
        }

        if (span.EndsWith("Summary:", StringComparison.Ordinal) && span.Contains("ebur128", StringComparison.Ordinal))
        {
            LoudnessMeasured = true;
            inLoudnessSummary = true;
            return true;
        }

        return false;
    }

    private void ConsumeSummary(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (trimmed.EndsWith(":"))
        {
            summarySection = trimmed.ToString();
            return;
        }

        if (summarySection == "Integrated loudness:" && trimmed.StartsWith("I:"))
        {
            // -70 LUFS is the absolute gate: nothing was loud enough to measure.
            Integrated = LogNumbers.After(trimmed, "I:") is { } value && value > -70 ? value : null;
        }
        else if (summarySection == "True peak:" && trimmed.StartsWith("Peak:"))
        {
            TruePeak = LogNumbers.After(trimmed, "Peak:") is { } value && !double.IsInfinity(value) ? value : null;
            inLoudnessSummary = false;
        }
    }

    /// <summary>freezedetect and silencedetect print start and end on separate lines.</summary>
    private static void Track(List<(double Start, double? End)> intervals, double? start, double? end)
    {
        if (start is { } s && intervals.Count < MaxIntervals)
        {
            intervals.Add((s, null));
        }
        else if (end is { } e && intervals.Count > 0 && intervals[^1].End is null)
        {
            intervals[^1] = (intervals[^1].Start, e);
        }
    }
}
