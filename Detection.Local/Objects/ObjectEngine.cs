namespace Glance.Detection.Local.Objects;

/// <summary>What runs the CenterNet object network ("Detection:Local:Objects:Engine").</summary>
public enum ObjectEngine
{
    /// <summary>
    /// The convolutional body converted to ONNX at load time and run on ONNX Runtime; the peak extraction after it stays
    /// on the graph executor. Same outputs as <see cref="Graph"/> within float rounding, and faster.
    /// </summary>
    OnnxRuntime,

    /// <summary>The whole TF.js graph on the C# graph executor (Glance.Inference), the fallback.</summary>
    Graph,
}
