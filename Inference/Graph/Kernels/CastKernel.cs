namespace Glance.Inference.Graph.Kernels;

/// <summary>Cast between float32, int32 (truncating toward zero) and bool (non-zero is true).</summary>
internal sealed class CastKernel : GraphKernel
{
    private readonly GraphDataType target;

    public CastKernel(GraphCompileContext context)
    {
        context.RequireInputCount(1);
        var name = context.Node.GetTypeName("DstT");
        target = GraphDataTypes.FromTensorFlow(name) ?? throw context.Node.Error($"casting to {name} is not supported.");
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var shape = (int[])input.Shape.Clone();
        if (input.DataType == target)
        {
            outputs[0] = input.View(shape);
            return;
        }

        var output = context.Allocate(shape, target);
        if (target == GraphDataType.Float32)
        {
            var source = input.Ints;
            var destination = output.WritableFloats;
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = source[i];
            }
        }
        else if (input.IsFloat)
        {
            var source = input.Floats;
            var destination = output.WritableInts;
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = target == GraphDataType.Bool ? (source[i] != 0 ? 1 : 0) : SaturatingTruncate(source[i]);
            }
        }
        else
        {
            var source = input.Ints;
            var destination = output.WritableInts;
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = target == GraphDataType.Bool ? (source[i] != 0 ? 1 : 0) : source[i];
            }
        }

        outputs[0] = output;
    }

    private static int SaturatingTruncate(float value) =>
        float.IsNaN(value) ? 0 : value >= int.MaxValue ? int.MaxValue : value <= int.MinValue ? int.MinValue : (int)value;
}
