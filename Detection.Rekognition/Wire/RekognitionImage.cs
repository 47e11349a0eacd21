namespace Glance.Detection.Rekognition.Wire;

/// <summary>The image member every image operation takes; the bytes travel base64-encoded in the JSON body.</summary>
public sealed record RekognitionImage(ReadOnlyMemory<byte> Bytes);
