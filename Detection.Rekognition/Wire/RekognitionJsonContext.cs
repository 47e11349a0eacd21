using System.Text.Json.Serialization;

namespace Glance.Detection.Rekognition.Wire;

/// <summary>Compile-time JSON metadata for the wire shapes: member names are Rekognition's own (PascalCase).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecognizeCelebritiesRequest))]
[JsonSerializable(typeof(RecognizeCelebritiesResponse))]
[JsonSerializable(typeof(DetectLabelsRequest))]
[JsonSerializable(typeof(DetectLabelsResponse))]
[JsonSerializable(typeof(DetectTextRequest))]
[JsonSerializable(typeof(DetectTextResponse))]
[JsonSerializable(typeof(DetectCustomLabelsRequest))]
[JsonSerializable(typeof(DetectCustomLabelsResponse))]
[JsonSerializable(typeof(DetectModerationLabelsRequest))]
[JsonSerializable(typeof(DetectModerationLabelsResponse))]
[JsonSerializable(typeof(SearchFacesByImageRequest))]
[JsonSerializable(typeof(SearchFacesByImageResponse))]
internal sealed partial class RekognitionJsonContext : JsonSerializerContext;
