namespace Glance.Inference.Graph.Kernels;

/// <summary>
/// MobileNetV3's hard swish, y = (x * scale) * relu6(x + shift), fused from the four nodes TensorFlow exports for it
/// (Mul, Add, Relu6, Mul) into one pass over memory. The arithmetic is the same float operations in the same order,
/// so results are bit-identical to running the four nodes.
/// </summary>
internal sealed class HardSwishKernel : GraphKernel
{
    public const string OpName = "_GlanceHardSwish";

    private readonly float scale;
    private readonly float shift;

    public HardSwishKernel(GraphCompileContext context)
    {
        context.RequireInputCount(3);
        scale = Scalar(context, 1, "scale");
        shift = Scalar(context, 2, "shift");
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var output = context.ElementwiseFloatOutput(input);
        var x = input.Floats;
        var y = output.WritableFloats;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scales = Vector256.Create(scale);
            var shifts = Vector256.Create(shift);
            var six = Vector256.Create(6f);
            for (; i + 8 <= y.Length; i += 8)
            {
                var v = Vector256.Create(x.Slice(i, 8));
                var gate = Vector256.Min(Vector256.Max(v + shifts, Vector256<float>.Zero), six);
                (v * scales * gate).CopyTo(y.Slice(i, 8));
            }
        }

        for (; i < y.Length; i++)
        {
            var v = x[i];
            var gate = Math.Clamp(v + shift, 0f, 6f);
            y[i] = v * scale * gate;
        }

        outputs[0] = output;
    }

    private static float Scalar(GraphCompileContext context, int index, string role)
    {
        var value = context.RequireConstant(index, role);
        return value.IsFloat && value.Length == 1 ? value.Floats[0] : throw context.Node.Error($"the {role} must be a float scalar, got {value}.");
    }
}
