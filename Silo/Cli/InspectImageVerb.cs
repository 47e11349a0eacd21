using System.Diagnostics;
using System.Text.Json;
using Glance.Detection;
using Glance.Grains.Hosting;
using Glance.Media.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.Silo.Cli;

/// <summary><c>Silo inspect image &lt;file&gt; [--detectors faces,labels,text,logos,teams]</c>: detections and the time each detector took.</summary>
public sealed class InspectImageVerb : IInspectVerb
{
    public string Name => "image";

    public string Usage => "<file> [--detectors faces,labels,text,logos,teams,sport]";

    public async Task RunAsync(IReadOnlyList<string> arguments, Stream standardOutput, CancellationToken cancellationToken)
    {
        var (file, selection) = Parse(arguments);
        var (bytes, _) = await InspectInput.ReadAsync(file, ImageDecodeLimits.Default.MaxEncodedBytes, cancellationToken);

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddDetection(configuration);
        services.AddSingleton<IConfiguration>(configuration);
        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<DetectorCatalog>();
        var detectors = catalog.Resolve(selection, out var missing);
        if (missing.Count > 0)
        {
            throw new CommandLineException($"Unknown or unavailable detector(s): {string.Join(", ", missing)}. Available: {string.Join(", ", catalog.Available)}.");
        }

        Glance.Media.Frames.RgbImage image;
        try
        {
            image = await provider.GetRequiredService<FfmpegImageCodec>().DecodeAsync(bytes, ImageDecodeLimits.Default, cancellationToken);
        }
        catch (ImageFormatException e)
        {
            throw new CommandLineException($"{file}: {e.Message}");
        }

        var frame = new DetectionFrame(image);
        var results = new List<(string Detector, double Milliseconds, IReadOnlyList<FrameDetection> Detections)>();
        foreach (var detector in detectors)
        {
            var stopwatch = Stopwatch.StartNew();
            var detections = await detector.DetectAsync(frame, DetectionContext.Empty, cancellationToken);
            results.Add((detector.Name, stopwatch.Elapsed.TotalMilliseconds, detections));
        }

        await using var writer = new Utf8JsonWriter(standardOutput, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartObject("image");
        writer.WriteNumber("width", image.Width);
        writer.WriteNumber("height", image.Height);
        writer.WriteEndObject();
        writer.WriteStartArray("detections");
        foreach (var detection in results.SelectMany(r => r.Detections))
        {
            FrameDetectionJson.Write(writer, detection);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("timings");
        foreach (var (detector, milliseconds, _) in results)
        {
            writer.WriteNumber(detector, Math.Round(milliseconds, 1));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await standardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static (string File, IReadOnlyList<string>? Detectors) Parse(IReadOnlyList<string> arguments)
    {
        string? file = null;
        IReadOnlyList<string>? detectors = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--detectors" && i + 1 < arguments.Count)
            {
                detectors = arguments[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            else if (arguments[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
            {
                throw new CommandLineException($"Unexpected argument '{arguments[i]}'. Usage: Silo inspect image <file> [--detectors faces,labels,text,logos,teams,sport]");
            }
            else
            {
                file = arguments[i];
            }
        }

        return (file ?? throw new CommandLineException("Usage: Silo inspect image <file> [--detectors faces,labels,text,logos,teams,sport]"), detectors);
    }
}
