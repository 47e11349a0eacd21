using System.Diagnostics.Metrics;

namespace Glance.Detection.Local.Text;

/// <summary>
/// The local text detector's instruments on the "Glance.Detection" meter, created through the host's
/// <see cref="IMeterFactory"/>: one singleton per host, registered with the text readers.
/// </summary>
public sealed class TextMetrics
{
    public const string MeterName = "Glance.Detection";

    public TextMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName, "1.0");
        CropReads = meter.CreateCounter<long>(
            "glance.text.crop_reads", unit: "{crop}", description: "Line crops read, by source: remembered (cache), Tesseract or PaddleOCR.");
        RegionDetections = meter.CreateCounter<long>(
            "glance.text.region_detections", unit: "{region}", description: "Candidate text regions searched for boxes, by source: remembered (cache) or the PP-OCRv4 detection network.");
        TesseractRuns = meter.CreateCounter<long>(
            "glance.text.tesseract_runs", unit: "{run}", description: "Tesseract processes started, by scope: one frame or a whole segment's frames.");
    }

    internal Counter<long> CropReads { get; }

    internal Counter<long> RegionDetections { get; }

    internal Counter<long> TesseractRuns { get; }
}
