using System.Numerics.Tensors;

namespace Glance.Inference.Graph.Kernels;

internal enum UnaryOperation
{
    Relu,
    Relu6,
    LeakyRelu,
    Sigmoid,
    Tanh,
    Exp,
    Negate,
}

/// <summary>Element-wise float activations, in place when the input is not read again.</summary>
internal sealed class UnaryKernel : GraphKernel
{
    private readonly UnaryOperation operation;
    private readonly float alpha;

    public UnaryKernel(GraphCompileContext context, UnaryOperation operation)
    {
        context.RequireInputCount(1);
        this.operation = operation;
        alpha = operation == UnaryOperation.LeakyRelu ? context.Node.GetFloat("alpha", 0.2f) : 0f;
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var output = context.ElementwiseFloatOutput(input);
        var x = input.Floats;
        var y = output.WritableFloats;
        switch (operation)
        {
            case UnaryOperation.Relu: TensorPrimitives.Max(x, 0f, y); break;
            case UnaryOperation.Relu6: TensorPrimitives.Clamp(x, 0f, 6f, y); break;
            case UnaryOperation.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOperation.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOperation.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOperation.Negate: TensorPrimitives.Negate(x, y); break;
            case UnaryOperation.LeakyRelu:
                for (var i = 0; i < y.Length; i++)
                {
                    var v = x[i];
                    y[i] = v > 0 ? v : v * alpha;
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown unary operation {operation}.");
        }

        outputs[0] = output;
    }
}
