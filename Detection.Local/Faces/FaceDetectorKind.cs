namespace Glance.Detection.Local.Faces;

/// <summary>The face box detectors <see cref="FaceAnalyzer"/> can use.</summary>
public enum FaceDetectorKind
{
    /// <summary>MediaPipe's full-range BlazeFace on ONNX Runtime (<see cref="BlazeFaceNetwork"/>).</summary>
    BlazeFace,

    /// <summary>face-api's TinyFaceDetector on the face engine (<see cref="LocalModelOptions.Engine"/>), with small-face tiles (<see cref="MultiScaleFaceDetector"/>).</summary>
    TinyFaceDetector,
}
