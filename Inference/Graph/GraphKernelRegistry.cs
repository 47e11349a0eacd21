using Glance.Inference.Graph.Kernels;

namespace Glance.Inference.Graph;

/// <summary>The ops the executor runs, by TensorFlow op name. Anything else fails at load time, naming the node and op.</summary>
internal static class GraphKernelRegistry
{
    private static readonly Dictionary<string, Func<GraphCompileContext, GraphKernel>> Factories = new(StringComparer.Ordinal)
    {
        ["Conv2D"] = c => new ConvolutionKernel(c, fused: false),
        ["_FusedConv2D"] = c => new ConvolutionKernel(c, fused: true),
        ["DepthwiseConv2dNative"] = c => new DepthwiseConvolutionKernel(c, fused: false),
        ["FusedDepthwiseConv2dNative"] = c => new DepthwiseConvolutionKernel(c, fused: true),
        ["Add"] = c => new BinaryKernel(c, BinaryOperation.Add),
        ["AddV2"] = c => new BinaryKernel(c, BinaryOperation.Add),
        ["Sub"] = c => new BinaryKernel(c, BinaryOperation.Subtract),
        ["Mul"] = c => new BinaryKernel(c, BinaryOperation.Multiply),
        ["RealDiv"] = c => new BinaryKernel(c, BinaryOperation.Divide),
        ["Maximum"] = c => new BinaryKernel(c, BinaryOperation.Maximum),
        ["Minimum"] = c => new BinaryKernel(c, BinaryOperation.Minimum),
        ["FloorDiv"] = c => new BinaryKernel(c, BinaryOperation.FloorDivide),
        ["FloorMod"] = c => new BinaryKernel(c, BinaryOperation.FloorModulo),
        ["Equal"] = c => new BinaryKernel(c, BinaryOperation.Equal),
        ["NotEqual"] = c => new BinaryKernel(c, BinaryOperation.NotEqual),
        ["Greater"] = c => new BinaryKernel(c, BinaryOperation.Greater),
        ["GreaterEqual"] = c => new BinaryKernel(c, BinaryOperation.GreaterEqual),
        ["Less"] = c => new BinaryKernel(c, BinaryOperation.Less),
        ["LessEqual"] = c => new BinaryKernel(c, BinaryOperation.LessEqual),
        ["Relu"] = c => new UnaryKernel(c, UnaryOperation.Relu),
        ["Relu6"] = c => new UnaryKernel(c, UnaryOperation.Relu6),
        ["LeakyRelu"] = c => new UnaryKernel(c, UnaryOperation.LeakyRelu),
        ["Sigmoid"] = c => new UnaryKernel(c, UnaryOperation.Sigmoid),
        ["Tanh"] = c => new UnaryKernel(c, UnaryOperation.Tanh),
        ["Exp"] = c => new UnaryKernel(c, UnaryOperation.Exp),
        ["Neg"] = c => new UnaryKernel(c, UnaryOperation.Negate),
        [HardSwishKernel.OpName] = c => new HardSwishKernel(c),
        ["Cast"] = c => new CastKernel(c),
        ["Identity"] = c => new ViewKernel(c, ViewOperation.Identity),
        ["StopGradient"] = c => new ViewKernel(c, ViewOperation.Identity),
        ["Snapshot"] = c => new ViewKernel(c, ViewOperation.Identity),
        ["Reshape"] = c => new ViewKernel(c, ViewOperation.Reshape),
        ["ExpandDims"] = c => new ViewKernel(c, ViewOperation.ExpandDims),
        ["Squeeze"] = c => new ViewKernel(c, ViewOperation.Squeeze),
        ["Mean"] = c => new ReduceKernel(c, ReduceOperation.Mean),
        ["Sum"] = c => new ReduceKernel(c, ReduceOperation.Sum),
        ["Max"] = c => new ReduceKernel(c, ReduceOperation.Max),
        ["ConcatV2"] = c => new ConcatKernel(c),
        ["ResizeBilinear"] = c => new ResizeKernel(c, bilinear: true),
        ["ResizeNearestNeighbor"] = c => new ResizeKernel(c, bilinear: false),
        ["MaxPool"] = c => new PoolKernel(c, max: true),
        ["AvgPool"] = c => new PoolKernel(c, max: false),
        ["Pad"] = c => new PadKernel(c, withValue: false),
        ["PadV2"] = c => new PadKernel(c, withValue: true),
        ["Transpose"] = c => new TransposeKernel(c),
        ["TopKV2"] = c => new TopKKernel(c),
        ["GatherV2"] = c => new GatherKernel(c),
        ["StridedSlice"] = c => new StridedSliceKernel(c),
    };

    public static IReadOnlyCollection<string> SupportedOps => Factories.Keys;

    public static GraphKernel Create(GraphCompileContext context)
    {
        if (!Factories.TryGetValue(context.Node.Op, out var factory))
        {
            throw new GraphModelException(
                $"Node '{context.Node.Name}' uses op '{context.Node.Op}', which the graph executor does not support. " +
                $"Supported: {string.Join(", ", Factories.Keys.Where(k => k[0] != '_' || k == "_FusedConv2D").Order(StringComparer.Ordinal))}.");
        }

        return factory(context);
    }
}
