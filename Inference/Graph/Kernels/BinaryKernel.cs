using System.Numerics.Tensors;

namespace Glance.Inference.Graph.Kernels;

/// <summary>
/// Element-wise arithmetic and comparisons with NumPy broadcasting. Float arithmetic has SIMD paths for equal shapes,
/// a scalar operand, and an operand that repeats along the trailing axes (per-channel vectors, squeeze-excite scales);
/// it writes into an input's buffer when that input is not read again.
/// </summary>
internal sealed class BinaryKernel : GraphKernel
{
    private readonly BinaryOperation operation;

    public BinaryKernel(GraphCompileContext context, BinaryOperation operation)
    {
        context.RequireInputCount(2);
        this.operation = operation;
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var a = inputs[0];
        var b = inputs[1];
        if (a.IsFloat != b.IsFloat)
        {
            throw context.Error($"operands {a} and {b} have different types.");
        }

        var shape = GraphShapes.Broadcast(a.Shape, b.Shape) ?? throw context.Error($"{a} and {b} do not broadcast.");
        if (operation.IsComparison())
        {
            var result = context.AllocateInts(shape, GraphDataType.Bool);
            Compare(a, b, result);
            outputs[0] = result;
            return;
        }

        if (a.IsFloat)
        {
            var result = ReuseOrAllocate(context, a, b, shape);
            FloatArithmetic(a, b, result);
            outputs[0] = result;
            return;
        }

        var ints = context.AllocateInts(shape, a.DataType);
        IntArithmetic(context, a, b, ints);
        outputs[0] = ints;
    }

    private static GraphValue ReuseOrAllocate(GraphRunContext context, GraphValue a, GraphValue b, int[] shape)
    {
        if (GraphShapes.SameShape(a.Shape, shape) && context.CanOverwrite(a))
        {
            return a.View(shape);
        }

        if (GraphShapes.SameShape(b.Shape, shape) && context.CanOverwrite(b))
        {
            return b.View(shape);
        }

        return context.AllocateFloats(shape);
    }

    private void FloatArithmetic(GraphValue a, GraphValue b, GraphValue result)
    {
        var x = a.Floats;
        var y = b.Floats;
        var z = result.WritableFloats;
        if (x.Length == z.Length && y.Length == z.Length)
        {
            Vector(x, y, z);
        }
        else if (y.Length == 1 && x.Length == z.Length)
        {
            ScalarRight(x, y[0], z);
        }
        else if (x.Length == 1 && y.Length == z.Length)
        {
            ScalarLeft(x[0], y, z);
        }
        else if (x.Length == z.Length && RepeatsAlongTrailingAxes(b.Shape, result.Shape))
        {
            for (var offset = 0; offset < z.Length; offset += y.Length)
            {
                Vector(x.Slice(offset, y.Length), y, z.Slice(offset, y.Length));
            }
        }
        else if (y.Length == z.Length && RepeatsAlongTrailingAxes(a.Shape, result.Shape))
        {
            for (var offset = 0; offset < z.Length; offset += x.Length)
            {
                Vector(x, y.Slice(offset, x.Length), z.Slice(offset, x.Length));
            }
        }
        else
        {
            var broadcast = new BroadcastIndexer(a.Shape, b.Shape, result.Shape);
            for (var i = 0; i < z.Length; i++)
            {
                var (ia, ib) = broadcast.Next();
                z[i] = operation.Apply(x[ia], y[ib]);
            }
        }
    }

    private void IntArithmetic(GraphRunContext context, GraphValue a, GraphValue b, GraphValue result)
    {
        var x = a.Ints;
        var y = b.Ints;
        var z = result.WritableInts;
        var broadcast = new BroadcastIndexer(a.Shape, b.Shape, result.Shape);
        for (var i = 0; i < z.Length; i++)
        {
            var (ia, ib) = broadcast.Next();
            z[i] = operation.Apply(x[ia], y[ib]) ?? throw context.Error("integer division by zero.");
        }
    }

    private void Compare(GraphValue a, GraphValue b, GraphValue result)
    {
        var z = result.WritableInts;
        if (a.IsFloat && a.Length == z.Length && b.Length == z.Length)
        {
            // Equal shapes (CenterNet's peak test on the whole heatmap): no index arithmetic.
            var x = a.Floats;
            var y = b.Floats;
            for (var i = 0; i < z.Length; i++)
            {
                z[i] = operation.Compare(x[i], y[i]) ? 1 : 0;
            }

            return;
        }

        var broadcast = new BroadcastIndexer(a.Shape, b.Shape, result.Shape);
        if (a.IsFloat)
        {
            var x = a.Floats;
            var y = b.Floats;
            for (var i = 0; i < z.Length; i++)
            {
                var (ia, ib) = broadcast.Next();
                z[i] = operation.Compare(x[ia], y[ib]) ? 1 : 0;
            }
        }
        else
        {
            var x = a.Ints;
            var y = b.Ints;
            for (var i = 0; i < z.Length; i++)
            {
                var (ia, ib) = broadcast.Next();
                z[i] = operation.Compare(x[ia], y[ib]) ? 1 : 0;
            }
        }
    }

    /// <summary>True when <paramref name="shape"/> is 1s followed by the trailing axes of <paramref name="output"/>: it repeats whole.</summary>
    private static bool RepeatsAlongTrailingAxes(int[] shape, int[] output)
    {
        var offset = output.Length - shape.Length;
        var i = 0;
        while (i < shape.Length && shape[i] == 1)
        {
            i++;
        }

        for (; i < shape.Length; i++)
        {
            if (shape[i] != output[i + offset])
            {
                return false;
            }
        }

        return true;
    }

    private void Vector(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> z)
    {
        switch (operation)
        {
            case BinaryOperation.Add: TensorPrimitives.Add(x, y, z); break;
            case BinaryOperation.Subtract: TensorPrimitives.Subtract(x, y, z); break;
            case BinaryOperation.Multiply: TensorPrimitives.Multiply(x, y, z); break;
            case BinaryOperation.Divide: TensorPrimitives.Divide(x, y, z); break;
            case BinaryOperation.Maximum: TensorPrimitives.Max(x, y, z); break;
            case BinaryOperation.Minimum: TensorPrimitives.Min(x, y, z); break;
            default:
                for (var i = 0; i < z.Length; i++)
                {
                    z[i] = operation.Apply(x[i], y[i]);
                }

                break;
        }
    }

    private void ScalarRight(ReadOnlySpan<float> x, float y, Span<float> z)
    {
        switch (operation)
        {
            case BinaryOperation.Add: TensorPrimitives.Add(x, y, z); break;
            case BinaryOperation.Subtract: TensorPrimitives.Subtract(x, y, z); break;
            case BinaryOperation.Multiply: TensorPrimitives.Multiply(x, y, z); break;
            case BinaryOperation.Divide: TensorPrimitives.Divide(x, y, z); break;
            case BinaryOperation.Maximum: TensorPrimitives.Max(x, y, z); break;
            case BinaryOperation.Minimum: TensorPrimitives.Min(x, y, z); break;
            default:
                for (var i = 0; i < z.Length; i++)
                {
                    z[i] = operation.Apply(x[i], y);
                }

                break;
        }
    }

    private void ScalarLeft(float x, ReadOnlySpan<float> y, Span<float> z)
    {
        switch (operation)
        {
            // x * y and x + y commute bit for bit in IEEE arithmetic.
            case BinaryOperation.Add: TensorPrimitives.Add(y, x, z); break;
            case BinaryOperation.Multiply: TensorPrimitives.Multiply(y, x, z); break;
            case BinaryOperation.Maximum: TensorPrimitives.Max(y, x, z); break;
            case BinaryOperation.Minimum: TensorPrimitives.Min(y, x, z); break;
            case BinaryOperation.Subtract: TensorPrimitives.Subtract(x, y, z); break;
            case BinaryOperation.Divide: TensorPrimitives.Divide(x, y, z); break;
            default:
                for (var i = 0; i < z.Length; i++)
                {
                    z[i] = operation.Apply(x, y[i]);
                }

                break;
        }
    }
}
