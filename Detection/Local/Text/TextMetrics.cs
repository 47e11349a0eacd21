using System.Diagnostics.Metrics;

namespace Glance.Detection.Local.Text;

/// <summary>The local text detector's instruments on the "Glance.Detection" meter.</summary>
internal static class TextMetrics
{
    private static readonly Meter Meter = new("Glance.Detection", "1.0");

    public static readonly Counter<long> CropReads = Meter.CreateCounter<long>(
        "glance.text.crop_reads", unit: "{crop}", description: "Line crops read, by source: remembered (cache), Tesseract or PaddleOCR.");

    public static readonly Counter<long> RegionDetections = Meter.CreateCounter<long>(
        "glance.text.region_detections", unit: "{region}", description: "Candidate text regions searched for boxes, by source: remembered (cache) or the PP-OCRv4 detection network.");

    public static readonly Counter<long> TesseractRuns = Meter.CreateCounter<long>(
        "glance.text.tesseract_runs", unit: "{run}", description: "Tesseract processes started, by scope: one frame or a whole segment's frames.");
}
