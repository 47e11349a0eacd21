namespace Glance.Inference.Graph;

/// <summary>
/// A TF.js graph model that cannot be run: malformed topology, a missing constant, an op or attribute the executor does
/// not support (raised at load time, naming the node and op), or a feed or output that does not fit the graph.
/// </summary>
public sealed class GraphModelException(string message, Exception? inner = null) : Exception(message, inner);
