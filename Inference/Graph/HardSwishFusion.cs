using Glance.Inference.Graph.Kernels;

namespace Glance.Inference.Graph;

/// <summary>
/// Rewrites TensorFlow's four-node hard swish, <c>Mul(Mul(scale, x), Relu6(Add(x, shift)))</c> with scalar constant
/// scale and shift, into one <see cref="HardSwishKernel"/> node named like the final Mul, so the graph's consumers are
/// unchanged. Only applied when the three inner nodes feed nothing else; their names then no longer exist as outputs.
/// </summary>
internal static class HardSwishFusion
{
    public static List<GraphNode> Apply(IReadOnlyList<GraphNode> nodes, Func<string, bool> isScalarConstant)
    {
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var consumers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in nodes.SelectMany(n => n.Inputs))
        {
            consumers[input.NodeName] = consumers.GetValueOrDefault(input.NodeName) + 1;
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        var replacements = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (Match(node, byName, consumers, isScalarConstant, removed) is { } fused)
            {
                replacements[node.Name] = fused.Node;
                removed.UnionWith(fused.Removed);
            }
        }

        return nodes.Where(n => !removed.Contains(n.Name)).Select(n => replacements.GetValueOrDefault(n.Name, n)).ToList();
    }

    private static (GraphNode Node, string[] Removed)? Match(
        GraphNode output, Dictionary<string, GraphNode> byName, Dictionary<string, int> consumers, Func<string, bool> isScalarConstant, HashSet<string> removed)
    {
        if (output.Op != "Mul" || output.Inputs.Count != 2 || output.Inputs.Any(i => i.IsControl || i.OutputIndex != 0))
        {
            return null;
        }

        var first = byName.GetValueOrDefault(output.Inputs[0].NodeName);
        var second = byName.GetValueOrDefault(output.Inputs[1].NodeName);
        var (scaled, gate) = first?.Op == "Relu6" ? (second, first) : (first, second);
        if (scaled?.Op != "Mul" || gate?.Op != "Relu6" || gate.Inputs.Count != 1 || scaled.Inputs.Count != 2)
        {
            return null;
        }

        var shifted = byName.GetValueOrDefault(gate.Inputs[0].NodeName);
        if (shifted is not { Op: "Add" or "AddV2" } || shifted.Inputs.Count != 2 || gate.Inputs[0].OutputIndex != 0)
        {
            return null;
        }

        if (SplitScalar(scaled, isScalarConstant) is not { } scale || SplitScalar(shifted, isScalarConstant) is not { } shift || scale.Operand != shift.Operand)
        {
            return null;
        }

        string[] inner = [scaled.Name, gate.Name, shifted.Name];
        if (inner.Any(n => consumers.GetValueOrDefault(n) != 1 || removed.Contains(n)))
        {
            return null;
        }

        var fused = new GraphNode(output.Name, HardSwishKernel.OpName, [scale.Operand, scale.Constant, shift.Constant], new Dictionary<string, GraphAttribute>());
        return (fused, inner);
    }

    /// <summary>For a binary node with one scalar-constant operand: (the other operand, the constant).</summary>
    private static (GraphInputReference Operand, GraphInputReference Constant)? SplitScalar(GraphNode node, Func<string, bool> isScalarConstant)
    {
        var (a, b) = (node.Inputs[0], node.Inputs[1]);
        if (a.IsControl || b.IsControl)
        {
            return null;
        }

        if (isScalarConstant(a.NodeName) && !isScalarConstant(b.NodeName))
        {
            return (b, a);
        }

        if (isScalarConstant(b.NodeName) && !isScalarConstant(a.NodeName))
        {
            return (a, b);
        }

        return null;
    }
}
