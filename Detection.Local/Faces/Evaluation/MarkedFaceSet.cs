using System.Text.Json;

namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>The hand-marked photos of Tests/Fixtures/Faces/marked-faces.json (the file documents how they were marked).</summary>
public sealed record MarkedFaceSet(IReadOnlyList<MarkedImage> Images)
{
    /// <summary>Reads the fixture's JSON; <see cref="JsonException"/> when it does not have the expected shape.</summary>
    public static MarkedFaceSet Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var images = new List<MarkedImage>();
        foreach (var image in document.RootElement.GetProperty("images").EnumerateArray())
        {
            var faces = image.GetProperty("faces").EnumerateArray().Select(face =>
            {
                var box = Box(face.GetProperty("box"));
                return new MarkedFace(
                    box.X, box.Y, box.Width, box.Height,
                    face.TryGetProperty("hard", out var hard) && hard.GetBoolean(),
                    face.TryGetProperty("person", out var person) ? person.GetString() : null,
                    face.TryGetProperty("note", out var note) ? note.GetString() : null);
            }).ToList();
            var ignore = image.TryGetProperty("ignore", out var regions) ? regions.EnumerateArray().Select(Box).ToList() : [];
            images.Add(new MarkedImage(
                image.GetProperty("source").GetString() ?? throw new JsonException("An image has no source."),
                image.GetProperty("path").GetString() ?? throw new JsonException("An image has no path."),
                image.TryGetProperty("width", out var width) ? width.GetInt32() : null,
                faces,
                ignore));
            if (faces.Count > 0 && images[^1].Width is null)
            {
                throw new JsonException($"{images[^1].Name} marks faces but not the width its boxes were marked at.");
            }
        }

        return new MarkedFaceSet(images);
    }

    private static (double X, double Y, double Width, double Height) Box(JsonElement element)
    {
        var values = element.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return values.Length == 4 && values[2] > 0 && values[3] > 0
            ? (values[0], values[1], values[2], values[3])
            : throw new JsonException($"A box must be [x, y, width, height] with a positive size, not {element}.");
    }
}
