using System.Text.Json;
using System.Text.Json.Serialization;
using Glance.Media.Analysis;
using Glance.Media.Probing;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Silo.Cli;

/// <summary>
/// <c>Silo inspect media &lt;file|url&gt;</c>: the container and streams ffprobe finds (codecs, profile, size, frame
/// rate, audio layout, the transport stream's PIDs), as JSON: what a source sends before anything is decoded.
/// </summary>
public sealed class InspectMediaVerb : IInspectVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new SecondsConverter() },
    };

    public string Name => "media";

    public string Usage => "<file|url>";

    public async Task RunAsync(IReadOnlyList<string> arguments, Stream standardOutput, CancellationToken cancellationToken)
    {
        if (arguments.Count != 1 || arguments[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new CommandLineException("Usage: Silo inspect media <file|url>");
        }

        var prober = new MediaProber(Options.Create(new FfmpegOptions()));
        MediaProbe probe;
        try
        {
            probe = Uri.TryCreate(arguments[0], UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? await prober.ProbeAsync((await InspectInput.ReadAsync(arguments[0], new SegmentAnalysisOptions().MaxSegmentBytes, cancellationToken)).Bytes, cancellationToken)
                : await prober.ProbeFileAsync(ExistingFile(arguments[0]), cancellationToken);
        }
        catch (MediaProbeException e)
        {
            throw new CommandLineException($"{arguments[0]}: {e.Message}");
        }

        await JsonSerializer.SerializeAsync(standardOutput, probe, Json, cancellationToken);
        await standardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>Durations and start times as seconds, like every other time in the inspect verbs' JSON.</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalSeconds, 6));
    }

    private static string ExistingFile(string path) =>
        File.Exists(path) ? path : throw new CommandLineException($"{path}: no such file.");
}
