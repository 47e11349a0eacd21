using System.Globalization;
using System.Text.Json;
using Glance.Media.Analysis;
using Glance.Media.Processes;
using Glance.Media.Signals;
using Glance.Media.Timing;
using Glance.Media.Transport;
using Microsoft.Extensions.Options;

namespace Glance.Silo.Cli;

/// <summary>
/// <c>Silo inspect segment &lt;file&gt; [--fps N] [--event-start-pts S]</c>: sampled frames with their stream times, the
/// signal checks, TR 101 290 transport health and SCTE-35 cues of one media segment, as JSON.
/// </summary>
public sealed class InspectSegmentVerb : IInspectVerb
{
    public string Name => "segment";

    public string Usage => "<file> [--fps N] [--event-start-pts S]";

    public async Task RunAsync(IReadOnlyList<string> arguments, Stream standardOutput, CancellationToken cancellationToken)
    {
        var (file, fps, eventStartPts) = Parse(arguments);
        var options = new SegmentAnalysisOptions();
        var (bytes, _) = await InspectInput.ReadAsync(file, options.MaxSegmentBytes, cancellationToken);

        // eventStartPts is given in seconds; the stream clock counts 90 kHz ticks.
        var state = StreamAnalysisState.Start(eventStartPts is { } seconds ? (long)Math.Round(seconds * Pts.TicksPerSecond) : null);
        var request = new SegmentAnalysisRequest(new SegmentMedia(bytes), new SegmentTiming(0, 0), state)
        {
            Sampling = new Glance.Media.Frames.SamplingOptions { FramesPerSecond = fps },
            Signals = SignalOptions.Default,
        };
        SegmentAnalysis analysis;
        try
        {
            analysis = await new SegmentAnalyzer(Options.Create(new FfmpegOptions()), Options.Create(options)).AnalyzeAsync(request, framesReady: null, cancellationToken);
        }
        catch (SegmentFormatException e)
        {
            throw new CommandLineException($"{file}: {e.Message}");
        }

        var transport = bytes.Length >= TransportStreamAnalyzer.PacketSize && bytes[0] == 0x47 ? new TransportStreamAnalyzer().Analyze(bytes) : null;

        await using var writer = new Utf8JsonWriter(standardOutput, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        SegmentAnalysisJson.WriteProperties(writer, analysis);
        if (transport is null)
        {
            writer.WriteNull("transport");
            writer.WriteStartArray("cues");
            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("transport");
            TransportReportJson.WriteTransport(writer, transport);
            writer.WritePropertyName("cues");
            TransportReportJson.WriteCues(writer, transport.Cues, pts => analysis.Timeline.ToStreamSeconds(pts));
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await standardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static (string File, double Fps, double? EventStartPts) Parse(IReadOnlyList<string> arguments)
    {
        string? file = null;
        double fps = 1;
        double? start = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--fps" when i + 1 < arguments.Count:
                    fps = Number(arguments[++i], "--fps");
                    if (fps is <= 0 or > 120)
                    {
                        throw new CommandLineException("--fps takes a rate above 0 and at most 120 frames per second.");
                    }

                    break;
                case "--event-start-pts" when i + 1 < arguments.Count:
                    start = Number(arguments[++i], "--event-start-pts");
                    break;
                default:
                    if (arguments[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
                    {
                        throw new CommandLineException($"Unexpected argument '{arguments[i]}'. Usage: Silo inspect segment <file> [--fps N] [--event-start-pts S]");
                    }

                    file = arguments[i];
                    break;
            }
        }

        return (file ?? throw new CommandLineException("Usage: Silo inspect segment <file> [--fps N] [--event-start-pts S]"), fps, start);
    }

    private static double Number(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CommandLineException($"{option} takes a number, not '{text}'.");
}
