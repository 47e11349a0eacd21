using System.Text.Json;

namespace Glance.Detection;

/// <summary>The one JSON shape of a detection, for the CLI and the API: kind in lower case, box relative to the frame.</summary>
public static class FrameDetectionJson
{
    public static void Write(Utf8JsonWriter writer, FrameDetection detection)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", KindName(detection.Kind));
        if (detection.Id is not null)
        {
            writer.WriteString("id", detection.Id);
        }

        writer.WriteString("name", detection.Name);
        writer.WriteNumber("confidence", Math.Round(detection.Confidence, 4));
        if (detection.Box is { } box)
        {
            writer.WriteStartObject("box");
            writer.WriteNumber("x", Math.Round(box.X, 4));
            writer.WriteNumber("y", Math.Round(box.Y, 4));
            writer.WriteNumber("width", Math.Round(box.Width, 4));
            writer.WriteNumber("height", Math.Round(box.Height, 4));
            writer.WriteEndObject();
        }

        writer.WriteString("detector", detection.Detector);
        writer.WriteEndObject();
    }

    public static string KindName(DetectionKind kind) => kind switch
    {
        DetectionKind.Face => "face",
        DetectionKind.Person => "person",
        DetectionKind.Label => "label",
        DetectionKind.Text => "text",
        DetectionKind.Logo => "logo",
        DetectionKind.Team => "team",
        DetectionKind.Sport => "sport",
        DetectionKind.Moderation => "moderation",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
