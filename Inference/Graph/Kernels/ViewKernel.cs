namespace Glance.Inference.Graph.Kernels;

internal enum ViewOperation
{
    Identity,
    Reshape,
    ExpandDims,
    Squeeze,
}

/// <summary>Ops that only relabel a buffer's shape (Identity, Reshape, ExpandDims, Squeeze): no copy.</summary>
internal sealed class ViewKernel : GraphKernel
{
    private readonly ViewOperation operation;
    private readonly int[]? constantArgument;
    private readonly int[] squeezeAxes = [];

    public ViewKernel(GraphCompileContext context, ViewOperation operation)
    {
        this.operation = operation;
        switch (operation)
        {
            case ViewOperation.Identity:
                context.RequireInputCount(1);
                break;
            case ViewOperation.Reshape:
            case ViewOperation.ExpandDims:
                context.RequireInputCount(2);
                constantArgument = context.ConstantInput(1) is { IsFloat: false } constant ? constant.ToIntArray() : null;
                break;
            case ViewOperation.Squeeze:
                context.RequireInputCount(1);
                squeezeAxes = context.Node.GetInts("squeeze_dims", []).Select(a => (int)a).ToArray();
                break;
        }
    }

    public override void Execute(GraphRunContext context, ReadOnlySpan<GraphValue> inputs, Span<GraphValue> outputs)
    {
        var input = inputs[0];
        var shape = operation switch
        {
            ViewOperation.Identity => (int[])input.Shape.Clone(),
            ViewOperation.Reshape => ReshapeTarget(context, input, Argument(context, inputs)),
            ViewOperation.ExpandDims => Expand(context, input, Argument(context, inputs)),
            _ => Squeeze(context, input),
        };
        outputs[0] = input.View(shape);
    }

    private int[] Argument(GraphRunContext context, ReadOnlySpan<GraphValue> inputs)
    {
        if (constantArgument is not null)
        {
            return constantArgument;
        }

        var argument = inputs[1];
        return argument.IsFloat ? throw context.Error($"the shape argument must be integers, got {argument}.") : argument.ToIntArray();
    }

    private static int[] ReshapeTarget(GraphRunContext context, GraphValue input, int[] requested)
    {
        var shape = (int[])requested.Clone();
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw context.Error($"the shape {GraphShapes.Format(requested)} has more than one -1.");
                }

                inferred = i;
            }
            else if (shape[i] < 0)
            {
                throw context.Error($"the shape {GraphShapes.Format(requested)} has a negative dimension.");
            }
            else
            {
                known *= shape[i];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || input.Length % known != 0)
            {
                throw context.Error($"cannot reshape {input} to {GraphShapes.Format(requested)}.");
            }

            shape[inferred] = (int)(input.Length / known);
        }
        else if (known != input.Length)
        {
            throw context.Error($"cannot reshape {input} to {GraphShapes.Format(requested)}.");
        }

        return shape;
    }

    private static int[] Expand(GraphRunContext context, GraphValue input, int[] argument)
    {
        if (argument.Length != 1)
        {
            throw context.Error($"ExpandDims takes one axis, got {argument.Length}.");
        }

        var axis = GraphShapes.NormalizeAxis(argument[0], input.Rank + 1, context);
        var shape = new List<int>(input.Shape);
        shape.Insert(axis, 1);
        return [.. shape];
    }

    private int[] Squeeze(GraphRunContext context, GraphValue input)
    {
        var axes = squeezeAxes.Select(a => GraphShapes.NormalizeAxis(a, input.Rank, context)).ToHashSet();
        var shape = new List<int>();
        for (var i = 0; i < input.Rank; i++)
        {
            var squeeze = axes.Count == 0 ? input.Shape[i] == 1 : axes.Contains(i);
            if (squeeze && input.Shape[i] != 1)
            {
                throw context.Error($"cannot squeeze axis {i} of {input}: its size is not 1.");
            }

            if (!squeeze)
            {
                shape.Add(input.Shape[i]);
            }
        }

        return [.. shape];
    }
}
