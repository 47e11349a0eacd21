namespace Glance.Detection.Local.Faces;

/// <summary>What runs face-api's networks: TinyFaceDetector, landmarks, recognition ("Detection:Local:Faces:Engine").</summary>
public enum FaceEngine
{
    /// <summary>
    /// Each network converted to ONNX in memory at load time (from the same TF.js weights) and run on ONNX Runtime.
    /// Same boxes, landmarks and descriptors as <see cref="Managed"/> within float rounding, and faster.
    /// </summary>
    OnnxRuntime,

    /// <summary>The hand-written forward passes on the C# NN core (Glance.Inference), the fallback.</summary>
    Managed,
}
