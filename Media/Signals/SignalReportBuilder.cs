namespace Glance.Media.Signals;

/// <summary>Turns detector output (times relative to each branch's first frame or sample) into a report in stream time.</summary>
internal static class SignalReportBuilder
{
    /// <param name="videoZero">Stream seconds of the first video frame (time 0 of the video branch).</param>
    /// <param name="videoEnd">Stream seconds where the last video frame ends; closes an open freeze or black stretch.</param>
    /// <param name="videoLastFrame">Stream seconds of the last video frame: blackdetect ends a stretch still open at the end of
    /// input there, at the start of that frame rather than at its end.</param>
    /// <param name="audioZero">Stream seconds of the first audio sample (time 0 of the audio branch).</param>
    /// <param name="audioEnd">Stream seconds where the audio ends; closes an open silence.</param>
    public static SignalReport Build(
        DetectorLog log,
        SignalOptions options,
        bool videoPresent,
        bool audioPresent,
        bool captions,
        double videoZero,
        double videoEnd,
        double videoLastFrame,
        double audioZero,
        double audioEnd)
    {
        var black = options.Black.Enabled && videoPresent ? Place(log.Black, videoZero, videoEnd) : [];
        for (var i = 0; i < black.Count; i++)
        {
            if (Math.Abs(black[i].End - videoLastFrame) < 0.0005)
            {
                black[i] = black[i] with { End = videoEnd };
            }
        }

        var freeze = options.Freeze.Enabled && videoPresent
            ? SignalIntervals.Subtract(Place(log.Freeze, videoZero, videoEnd), black, options.Freeze.MinDuration)
            : [];
        var silence = options.Silence.Enabled && audioPresent ? Place(log.Silence, audioZero, audioEnd) : [];
        LoudnessReport? loudness = null;
        if (options.Loudness.Enabled && audioPresent && log.LoudnessMeasured)
        {
            var o = options.Loudness;
            loudness = new LoudnessReport(log.Integrated, log.ShortTermMax, log.TruePeak, o.Standard, o.EffectiveTarget, o.EffectiveTolerance, o.EffectiveMaxTruePeak);
        }

        return new SignalReport(audioPresent, videoPresent, captions, silence, black, freeze, loudness);
    }

    private static List<SignalInterval> Place(IReadOnlyList<(double Start, double? End)> relative, double zero, double end)
    {
        var result = new List<SignalInterval>(relative.Count);
        foreach (var (start, stop) in relative)
        {
            var absoluteStart = zero + start;
            var absoluteEnd = stop is { } s ? zero + s : end;
            result.Add(new SignalInterval(absoluteStart, Math.Max(absoluteStart, absoluteEnd)));
        }

        return result;
    }
}
