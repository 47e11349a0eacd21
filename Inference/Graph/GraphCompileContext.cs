namespace Glance.Inference.Graph;

/// <summary>What a kernel factory sees at load time: the node and the constant values among its inputs.</summary>
internal sealed class GraphCompileContext(GraphNode node, IReadOnlyList<GraphValue?> constantInputs)
{
    public GraphNode Node { get; } = node;

    public int InputCount => constantInputs.Count;

    public GraphValue? ConstantInput(int index) => index < constantInputs.Count ? constantInputs[index] : null;

    public GraphValue RequireConstant(int index, string role)
    {
        if (index >= constantInputs.Count)
        {
            throw Node.Error($"input {index} ({role}) is missing; the node has {constantInputs.Count} data inputs.");
        }

        return constantInputs[index] ?? throw Node.Error($"input {index} ({role}) must be a constant; a computed {role} is not supported.");
    }

    public void RequireInputCount(int minimum, int? maximum = null)
    {
        if (InputCount < minimum || InputCount > (maximum ?? minimum))
        {
            var expected = maximum is null ? $"{minimum}" : $"{minimum}..{maximum}";
            throw Node.Error($"expected {expected} data inputs, found {InputCount}.");
        }
    }

    public int[] ConstantInts(int index, string role)
    {
        var value = RequireConstant(index, role);
        return value.IsFloat ? throw Node.Error($"the {role} must be integers, found {value}.") : value.ToIntArray();
    }

    public void RequireNhwc()
    {
        var format = Node.GetString("data_format", "NHWC");
        if (format != "NHWC")
        {
            throw Node.Error($"data_format '{format}' is not supported (NHWC only).");
        }
    }
}
