namespace Glance.Inference.Graph;

/// <summary>
/// One node, compiled: attributes read and constant operands (filters, axes, shapes) prepared once at load time.
/// Immutable after construction, so one compiled graph serves concurrent runs.
/// </summary>
internal abstract class GraphKernel
{
    public virtual int OutputCount => 1;

    /// <summary>Computes the node's outputs from its data inputs (constants included, in model order).</summary>
    public abstract void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs);
}
