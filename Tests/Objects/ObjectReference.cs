using System.Text.Json;
using System.Text.Json.Serialization;

namespace Glance.Tests.Objects;

/// <summary>Tests/Fixtures/Objects/reference.json, written once by tools/reference/objects.mjs from TF.js.</summary>
internal sealed record ObjectReference(
    string Tfjs,
    string FeatureNode,
    string HeadNode,
    ObjectReferencePostProcessing PostProcessing,
    IReadOnlyList<ObjectReferenceImage> Images)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static ObjectReference Load() =>
        JsonSerializer.Deserialize<ObjectReference>(File.ReadAllText(Path.Combine(ObjectTestFiles.FixtureFolder, "reference.json")), JsonOptions)
        ?? throw new InvalidOperationException("reference.json is empty.");
}

internal sealed record ObjectReferencePostProcessing(int MaxDetected, float IouThreshold, float MinConfidence);

internal sealed record ObjectReferenceImage(
    string Source,
    string Name,
    int Width,
    int Height,
    IReadOnlyList<double[]> ResizedSamples,
    IReadOnlyList<float[]> Detections,
    IReadOnlyList<double[]> KeypointSamples,
    double KeypointSum,
    IReadOnlyList<double[]> WhSamples,
    float[] Features,
    float[] HeadMean,
    IReadOnlyList<ObjectReferenceObject> Objects)
{
    public override string ToString() => Name;
}

internal sealed record ObjectReferenceObject(int Index, [property: JsonPropertyName("classId")] int ClassId, float Score, float[] BoxRaw);
