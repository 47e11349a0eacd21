using System.Collections.Concurrent;
using System.Diagnostics;
namespace Glance.Inference.Graph;

/// <summary>
/// Runs a TF.js graph model (model.json + weight shards) on the CPU. Loading parses the topology, orders it, fuses
/// hard-swish chains, and compiles every node (packing filters for the GEMM, reading attributes); an op or attribute
/// it cannot run fails here, naming the node. A run evaluates only the nodes the requested outputs need and returns
/// intermediate buffers to the pool as soon as they are read for the last time, reusing an input's buffer in place
/// where nothing else reads it. Immutable after loading: one executor serves concurrent runs.
/// </summary>
public sealed class GraphExecutor
{
    private const int MaxCachedPlans = 64;

    private readonly GraphNode[] nodes;
    private readonly GraphKernel?[] kernels;
    private readonly int[] firstValue;
    private readonly int valueCount;
    private readonly GraphValue?[] constants;
    private readonly Dictionary<string, int> nodeIndex;
    private readonly ConcurrentDictionary<string, GraphPlan> plans = new(StringComparer.Ordinal);

    private GraphExecutor(GraphNode[] nodes, GraphKernel?[] kernels, int[] firstValue, int valueCount, GraphValue?[] constants)
    {
        this.nodes = nodes;
        this.kernels = kernels;
        this.firstValue = firstValue;
        this.valueCount = valueCount;
        this.constants = constants;
        nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
        {
            nodeIndex[nodes[i].Name] = i;
        }

        Inputs = nodes.Where(n => n.Op == "Placeholder").Select(n => n.Name).ToList();
    }

    /// <summary>The placeholder names a run must feed.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The compiled nodes (after fusion) in execution order, for inspection.</summary>
    public IReadOnlyList<GraphNode> Nodes => nodes;

    /// <summary>Reads model.json and its shards from disk and compiles the graph.</summary>
    public static GraphExecutor Load(string modelJsonPath)
    {
        try
        {
            var (manifest, weights) = TfjsWeightsLoader.Load(modelJsonPath);
            return Create(manifest, weights);
        }
        catch (TfjsWeightsException error)
        {
            throw new GraphModelException($"The graph model '{modelJsonPath}' cannot be read: {error.Message}", error);
        }
    }

    /// <summary>Compiles a graph model from its parsed manifest and decoded weights (no I/O).</summary>
    public static GraphExecutor Create(TfjsWeightsManifest manifest, TfjsWeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(weights);
        return Create(GraphTopology.Of(manifest, weights.Source).Nodes, weights);
    }

    /// <summary>Compiles a graph from its nodes (a parsed topology, or part of one: <see cref="GraphTopology.Below"/>) and decoded weights.</summary>
    public static GraphExecutor Create(IReadOnlyList<GraphNode> nodes, TfjsWeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(weights);
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        bool IsScalarConstant(string name) =>
            byName.TryGetValue(name, out var node) && node.Op == "Const" && weights.Contains(name) && weights.Get(name) is { IsFloat: true } w && w.Floats!.Length == 1;

        var fused = HardSwishFusion.Apply(nodes, IsScalarConstant);
        var ordered = TopologicalOrder(fused);
        return Compile(ordered, weights);
    }

    /// <summary>
    /// Evaluates <paramref name="outputs"/> ("node" or "node:index") from <paramref name="feeds"/> (placeholder name to
    /// value). The returned values are the caller's to dispose, in the order requested.
    /// </summary>
    public GraphValue[] Run(IReadOnlyDictionary<string, GraphValue> feeds, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default, GraphRunProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        ArgumentNullException.ThrowIfNull(outputs);
        var key = string.Join('\n', outputs);
        // Callers ask for a handful of output sets; past that, plans are built per call rather than kept forever.
        var plan = plans.TryGetValue(key, out var cached) ? cached : plans.Count < MaxCachedPlans ? plans.GetOrAdd(key, _ => BuildPlan(outputs)) : BuildPlan(outputs);
        foreach (var name in feeds.Keys)
        {
            if (!nodeIndex.TryGetValue(name, out var index) || nodes[index].Op != "Placeholder")
            {
                throw new GraphModelException($"'{name}' is not an input of the graph; its inputs are {string.Join(", ", Inputs)}.");
            }
        }

        var values = new GraphValue?[valueCount];
        foreach (var id in plan.Placeholders)
        {
            values[id] = BindFeed(nodes[NodeOfValue(id)], feeds);
        }

        var context = new GraphRunContext(cancellationToken);
        var inputs = new GraphValue[plan.MaxInputs];
        var results = new GraphValue[plan.MaxOutputs];
        foreach (var step in plan.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < step.Inputs.Length; i++)
            {
                inputs[i] = values[step.Inputs[i]] ?? constants[step.Inputs[i]] ?? throw new InvalidOperationException($"Value {step.Inputs[i]} of '{step.NodeName}' was released too early.");
            }

            context.Enter(step.NodeName, inputs, step.Inputs.Length);
            var started = profile is null ? 0 : Stopwatch.GetTimestamp();
            step.Kernel.Execute(context, inputs.AsSpan(0, step.Inputs.Length), results.AsSpan(0, step.Outputs.Length));
            profile?.Add(step.Op, Stopwatch.GetTimestamp() - started);

            for (var j = 0; j < step.Outputs.Length; j++)
            {
                var produced = results[j] ?? throw new InvalidOperationException($"'{step.NodeName}' produced no output {j}.");
                // One extra hold while the inputs are released, in case an output shares an input's buffer.
                produced.Storage.AddUses(plan.UseCounts[step.Outputs[j]] + 1);
                values[step.Outputs[j]] = produced;
            }

            for (var i = 0; i < step.Inputs.Length; i++)
            {
                inputs[i].Storage.Release();
                inputs[i] = null!;
            }

            for (var j = 0; j < step.Outputs.Length; j++)
            {
                results[j].Storage.Release();
                if (plan.UseCounts[step.Outputs[j]] == 0)
                {
                    values[step.Outputs[j]] = null;
                }

                results[j] = null!;
            }
        }

        var returned = new GraphValue[plan.OutputValues.Length];
        for (var i = 0; i < returned.Length; i++)
        {
            var id = plan.OutputValues[i];
            var value = values[id] ?? constants[id] ?? throw new InvalidOperationException($"Output {outputs[i]} was released too early.");
            returned[i] = value.View((int[])value.Shape.Clone());
        }

        return returned;
    }

    private int NodeOfValue(int id)
    {
        // Every node has at least one output, so first value ids increase strictly.
        var index = Array.BinarySearch(firstValue, id);
        return index >= 0 ? index : ~index - 1;
    }

    private GraphValue BindFeed(GraphNode placeholder, IReadOnlyDictionary<string, GraphValue> feeds)
    {
        if (!feeds.TryGetValue(placeholder.Name, out var feed))
        {
            throw new GraphModelException($"The graph needs a value for its input '{placeholder.Name}'.");
        }

        var typeName = placeholder.GetTypeName("dtype", "DT_FLOAT");
        var expectedType = GraphDataTypes.FromTensorFlow(typeName) ?? throw placeholder.Error($"input type {typeName} is not supported.");
        if (feed.DataType != expectedType)
        {
            throw new GraphModelException($"Input '{placeholder.Name}' is {typeName}; the value fed is {feed}.");
        }

        if (placeholder.Attributes.TryGetValue("shape", out var shapeAttribute) && shapeAttribute.Shape is { } expected)
        {
            var fits = expected.Count == feed.Rank && expected.Select((d, i) => d < 0 || d == feed.Shape[i]).All(ok => ok);
            if (!fits)
            {
                throw new GraphModelException($"Input '{placeholder.Name}' expects shape [{string.Join(", ", expected)}] (-1 = any); the value fed is {feed}.");
            }
        }

        // A fresh, non-pooled storage over the caller's array: the run never counts, frees or overwrites it.
        var storage = feed.IsFloat ? GraphStorage.Borrow(feed.Storage.Floats) : GraphStorage.Borrow(feed.Storage.Ints);
        return new GraphValue((int[])feed.Shape.Clone(), feed.DataType, storage);
    }

    private GraphPlan BuildPlan(IReadOnlyList<string> outputs)
    {
        if (outputs.Count == 0)
        {
            throw new GraphModelException("No outputs were requested.");
        }

        var outputValues = new int[outputs.Count];
        var needed = new bool[nodes.Length];
        var stack = new Stack<int>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var reference = GraphInputReference.Parse(outputs[i], "output request");
            outputValues[i] = ValueId(reference, "the requested outputs");
            var node = nodeIndex[reference.NodeName];
            if (!needed[node])
            {
                needed[node] = true;
                stack.Push(node);
            }
        }

        while (stack.Count > 0)
        {
            foreach (var input in nodes[stack.Pop()].Inputs)
            {
                var producer = nodeIndex[input.NodeName];
                if (!needed[producer])
                {
                    needed[producer] = true;
                    stack.Push(producer);
                }
            }
        }

        var useCounts = new int[valueCount];
        var steps = new List<GraphStep>();
        var placeholders = new List<int>();
        for (var n = 0; n < nodes.Length; n++)
        {
            if (!needed[n])
            {
                continue;
            }

            var node = nodes[n];
            if (node.Op == "Placeholder")
            {
                placeholders.Add(firstValue[n]);
                continue;
            }

            if (kernels[n] is not { } kernel)
            {
                continue;
            }

            var inputs = node.DataInputs.Select(i => ValueId(i, node.Name)).ToArray();
            foreach (var id in inputs)
            {
                useCounts[id]++;
            }

            var produced = Enumerable.Range(firstValue[n], kernel.OutputCount).ToArray();
            steps.Add(new GraphStep(node.Name, node.Op, kernel, inputs, produced));
        }

        foreach (var id in outputValues)
        {
            useCounts[id]++;
        }

        return new GraphPlan(
            [.. steps], useCounts, outputValues, [.. placeholders],
            Math.Max(1, steps.Select(s => s.Inputs.Length).DefaultIfEmpty(0).Max()),
            Math.Max(1, steps.Select(s => s.Outputs.Length).DefaultIfEmpty(0).Max()));
    }

    private int ValueId(GraphInputReference reference, string owner)
    {
        if (!nodeIndex.TryGetValue(reference.NodeName, out var node))
        {
            throw new GraphModelException($"{owner} refers to '{reference.NodeName}', which is not a node of the graph (or was fused away).");
        }

        var count = kernels[node]?.OutputCount ?? 1;
        if (reference.OutputIndex >= count)
        {
            throw new GraphModelException($"{owner} refers to output {reference.OutputIndex} of '{reference.NodeName}', which has {count}.");
        }

        return firstValue[node] + reference.OutputIndex;
    }

    private static GraphNode[] TopologicalOrder(List<GraphNode> nodes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index[nodes[i].Name] = i;
        }

        var pending = new int[nodes.Count];
        var dependents = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            dependents[i] = [];
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Inputs)
            {
                if (!index.TryGetValue(input.NodeName, out var producer))
                {
                    throw new GraphModelException($"Node '{nodes[i].Name}' reads '{input}', which is not a node of the graph.");
                }

                pending[i]++;
                dependents[producer].Add(i);
            }
        }

        // Kahn's algorithm, taking ready nodes in file order so the execution order is deterministic.
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<GraphNode>(nodes.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(nodes[next]);
            foreach (var dependent in dependents[next])
            {
                if (--pending[dependent] == 0)
                {
                    ready.Enqueue(dependent, dependent);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            var stuck = nodes.Where((_, i) => pending[i] > 0).Take(3).Select(n => n.Name);
            throw new GraphModelException($"The graph has a cycle (through {string.Join(", ", stuck)}).");
        }

        return [.. order];
    }

    private static GraphExecutor Compile(GraphNode[] nodes, TfjsWeightMap weights)
    {
        // First pass: constants and output counts, so kernels can read constant operands by value id.
        var nodeConstants = new GraphValue?[nodes.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < nodes.Length; n++)
        {
            index[nodes[n].Name] = n;
            if (nodes[n].Op == "Const")
            {
                nodeConstants[n] = Constant(nodes[n], weights);
            }
        }

        var kernels = new GraphKernel?[nodes.Length];
        var firstValue = new int[nodes.Length];
        var next = 0;
        for (var n = 0; n < nodes.Length; n++)
        {
            var node = nodes[n];
            if (node.Op is not ("Const" or "Placeholder"))
            {
                var constantInputs = node.DataInputs
                    .Select(i => i.OutputIndex == 0 ? nodeConstants[index[i.NodeName]] : null)
                    .ToList();
                kernels[n] = GraphKernelRegistry.Create(new GraphCompileContext(node, constantInputs));
            }

            firstValue[n] = next;
            next += kernels[n]?.OutputCount ?? 1;
        }

        var constants = new GraphValue?[next];
        for (var n = 0; n < nodes.Length; n++)
        {
            constants[firstValue[n]] = nodeConstants[n];
        }

        return new GraphExecutor(nodes, kernels, firstValue, next, constants);
    }

    private static GraphValue Constant(GraphNode node, TfjsWeightMap weights)
    {
        if (!weights.Contains(node.Name))
        {
            throw new GraphModelException($"Constant '{node.Name}' has no value in the weight shards.");
        }

        var weight = weights.Get(node.Name);
        if (weight.Floats is { } floats)
        {
            return GraphValue.FromFloats(floats, weight.Shape);
        }

        var type = node.GetTypeName("dtype", weight.DataType == "bool" ? "DT_BOOL" : "DT_INT32") == "DT_BOOL" ? GraphDataType.Bool : GraphDataType.Int32;
        return GraphValue.FromInts(weight.Integers!, type, weight.Shape);
    }
}
