namespace Glance.Inference.Graph;

/// <summary>
/// Per-run services for kernels: output buffers from the pool, and whether an input's buffer may be overwritten in
/// place (the run owns it and this node holds its last pending uses).
/// </summary>
internal sealed class GraphRunContext(CancellationToken cancellationToken)
{
    private GraphValue[] currentInputs = [];
    private int currentInputCount;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string CurrentNode { get; private set; } = string.Empty;

    internal void Enter(string node, GraphValue[] inputs, int count)
    {
        CurrentNode = node;
        currentInputs = inputs;
        currentInputCount = count;
    }

    public GraphValue AllocateFloats(int[] shape) => new(shape, GraphDataType.Float32, GraphStorage.RentFloats(Tensor.ElementCount(shape)));

    public GraphValue AllocateInts(int[] shape, GraphDataType dataType) => new(shape, dataType, GraphStorage.RentInts(Tensor.ElementCount(shape)));

    public GraphValue Allocate(int[] shape, GraphDataType dataType) =>
        dataType == GraphDataType.Float32 ? AllocateFloats(shape) : AllocateInts(shape, dataType);

    /// <summary>Takes over the pooled buffer of a tensor an Nn op returned.</summary>
    public static GraphValue Adopt(Tensor tensor) => new((int[])tensor.Shape.Clone(), GraphDataType.Float32, GraphStorage.AdoptPooled(tensor.Buffer));

    /// <summary>
    /// True when <paramref name="input"/>'s buffer can take this node's output: the run owns it and every pending use
    /// of it is an input of this node (so nobody reads it afterwards).
    /// </summary>
    public bool CanOverwrite(GraphValue input)
    {
        var storage = input.Storage;
        if (!storage.Pooled)
        {
            return false;
        }

        var uses = 0;
        for (var i = 0; i < currentInputCount; i++)
        {
            if (ReferenceEquals(currentInputs[i].Storage, storage))
            {
                uses++;
            }
        }

        return storage.PendingUses == uses;
    }

    /// <summary>
    /// Where an element-wise float operation writes: into its input when <see cref="CanOverwrite"/> allows it (no copy, no
    /// allocation), else into a new tensor of the input's shape.
    /// </summary>
    public GraphValue ElementwiseFloatOutput(GraphValue input)
    {
        RequireFloat(input);
        return CanOverwrite(input) ? input.View(input.Shape) : AllocateFloats((int[])input.Shape.Clone());
    }

    public void RequireFloat(GraphValue input)
    {
        if (!input.IsFloat)
        {
            throw Error($"expects a float input, got {input}.");
        }
    }

    public GraphModelException Error(string message) => new($"Node '{CurrentNode}': {message}");
}
