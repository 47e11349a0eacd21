namespace Glance.Inference.Nn;

/// <summary>A TF.js weights manifest, model.json or weight shard that is missing, malformed or inconsistent.</summary>
public sealed class TfjsWeightsException(string message, Exception? inner = null) : Exception(message, inner);
