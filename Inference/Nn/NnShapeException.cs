namespace Glance.Inference.Nn;

/// <summary>Tensors whose shapes do not fit the operation (a wrong model file or a wiring mistake).</summary>
public sealed class NnShapeException(string message) : Exception(message);
