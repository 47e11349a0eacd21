using Google.Protobuf;
using Onnx;

namespace Glance.Inference.Onnx;

/// <summary>
/// Assembles an ONNX graph in memory: nodes, initializers and the graph's inputs and outputs, with unique names for the
/// values it makes up. Produces the serialized model ONNX Runtime loads from bytes.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>Resize with an axes attribute and ReduceMean with axes as an input need opset 18.</summary>
    public const int OpsetVersion = 18;

    /// <summary>The IR version that introduced opset 18.</summary>
    private const long IrVersion = 8;

    private readonly GraphProto graph = new() { Name = "converted" };
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<string> reserved = new(StringComparer.Ordinal);
    private int generated;

    /// <summary>A value name no other value of the graph has, derived from <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        var name = hint;
        while (!names.Add(name))
        {
            name = $"{hint}#{++generated}";
        }

        return name;
    }

    /// <param name="shape">The input's shape; a negative dimension is left symbolic, so one model serves any batch size.</param>
    public void AddFloatInput(string name, IReadOnlyList<int> shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        for (var axis = 0; axis < shape.Count; axis++)
        {
            tensorType.Shape.Dim.Add(shape[axis] < 0
                ? new TensorShapeProto.Types.Dimension { DimParam = $"{name}_dim{axis}" }
                : new TensorShapeProto.Types.Dimension { DimValue = shape[axis] });
        }

        names.Add(name);
        graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } });
    }

    /// <summary>Declares <paramref name="name"/> a float output of unspecified shape (ONNX Runtime infers it).</summary>
    public void AddFloatOutput(string name) =>
        graph.Output.Add(new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
        });

    public string AddFloatConstant(string hint, ReadOnlySpan<float> values, params long[] shape)
    {
        var tensor = new TensorProto { Name = UniqueName(hint), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        foreach (var value in values)
        {
            tensor.FloatData.Add(value);
        }

        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string AddInt64Constant(string hint, params long[] values)
    {
        var tensor = new TensorProto { Name = UniqueName(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A TF filter [H, W, I, O] as an ONNX convolution filter [O, I, H, W].</summary>
    public string AddHwioFilter(string hint, ReadOnlySpan<float> hwio, int height, int width, int inputs, int outputs) =>
        AddFloatConstant(hint, SpatialAxesLast(hwio, height * width, inputs, outputs, swapChannelAxes: true), outputs, inputs, height, width);

    /// <summary>
    /// A TF depthwise filter [H, W, C, M] (M outputs per input channel) as a group convolution's [C*M, 1, H, W] filter:
    /// TF numbers channel c's m-th output c*M + m, which is the order of ONNX's groups.
    /// </summary>
    public string AddDepthwiseFilter(string hint, ReadOnlySpan<float> hwcm, int height, int width, int channels, int multiplier) =>
        AddFloatConstant(hint, SpatialAxesLast(hwcm, height * width, channels, multiplier, swapChannelAxes: false), channels * multiplier, 1, height, width);

    /// <summary>
    /// A square convolution of an NCHW value by a TF filter [K, K, I, O] (or, <paramref name="depthwise"/>, [K, K, C, 1]),
    /// plus an optional bias, then an optional Relu. <paramref name="samePadding"/> is TF's SAME (the odd pixel at the
    /// end, as SAME_UPPER pads), otherwise VALID.
    /// </summary>
    public string AddConvolution(string output, string input, ReadOnlySpan<float> filter, int[] filterShape, ReadOnlySpan<float> bias, int stride, bool samePadding, bool depthwise = false, bool relu = false)
    {
        ArgumentNullException.ThrowIfNull(filterShape);
        if (filterShape is not [var kernel, var kernelWidth, var inputs, var outputs] || kernel != kernelWidth || (depthwise && outputs != 1))
        {
            throw new ArgumentException($"A filter [K, K, I, O] (depthwise [K, K, C, 1]) was expected, got [{string.Join(", ", filterShape)}].", nameof(filterShape));
        }

        var channels = depthwise ? inputs : outputs;
        List<string> operands =
        [
            input,
            depthwise
                ? AddDepthwiseFilter(output + "/filter", filter, kernel, kernel, inputs, 1)
                : AddHwioFilter(output + "/filter", filter, kernel, kernel, inputs, outputs),
        ];
        if (!bias.IsEmpty)
        {
            operands.Add(AddFloatConstant(output + "/bias", bias, channels));
        }

        var convolved = AddNode(
            "Conv",
            relu ? output + "/conv" : output,
            operands,
            Ints("kernel_shape", kernel, kernel),
            Ints("strides", stride, stride),
            Int("group", depthwise ? inputs : 1),
            Text("auto_pad", samePadding ? "SAME_UPPER" : "VALID"));
        return relu ? AddNode("Relu", output, [convolved]) : convolved;
    }

    /// <summary>A square 'valid' pooling window (<paramref name="opType"/> MaxPool or AveragePool) over an NCHW value.</summary>
    public string AddPooling(string opType, string output, string input, int kernel, int stride) =>
        AddNode(opType, output, [input], Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Text("auto_pad", "VALID"));

    /// <summary>Adds a node with one output, named <paramref name="output"/> (made unique), and returns that name.</summary>
    public string AddNode(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = UniqueName(output + "/" + opType) };
        node.Input.AddRange(inputs);
        var outputName = UniqueName(output);
        node.Output.Add(outputName);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return outputName;
    }

    /// <summary>Keeps <paramref name="name"/> for <see cref="AddNodeNamed"/>: a graph output's name, which no made-up name may take first.</summary>
    public void ReserveName(string name)
    {
        if (!names.Add(name) || !reserved.Add(name))
        {
            throw new InvalidOperationException($"The ONNX value name '{name}' is taken.");
        }
    }

    /// <summary>Adds a node whose output carries exactly <paramref name="output"/>, a name kept by <see cref="ReserveName"/>.</summary>
    public void AddNodeNamed(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        if (!reserved.Remove(output))
        {
            throw new InvalidOperationException($"The ONNX value name '{output}' was not reserved, or is used twice.");
        }

        var node = new NodeProto { OpType = opType, Name = UniqueName(output + "/" + opType) };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    /// <summary>A filter [H, W, A, B] (pixels = H * W) as [B, A, H, W] (<paramref name="swapChannelAxes"/>) or [A, B, H, W].</summary>
    private static float[] SpatialAxesLast(ReadOnlySpan<float> source, int pixels, int first, int second, bool swapChannelAxes)
    {
        if (source.Length != pixels * first * second)
        {
            throw new ArgumentException($"A filter of {pixels}x{first}x{second} values was expected, got {source.Length}.", nameof(source));
        }

        var target = new float[source.Length];
        for (var p = 0; p < pixels; p++)
        {
            for (var a = 0; a < first; a++)
            {
                for (var b = 0; b < second; b++)
                {
                    var channel = swapChannelAxes ? (b * first) + a : (a * second) + b;
                    target[(channel * pixels) + p] = source[(((p * first) + a) * second) + b];
                }
            }
        }

        return target;
    }

    public byte[] ToModelBytes()
    {
        var model = new ModelProto { IrVersion = IrVersion, ProducerName = "Glance.Inference", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model.ToByteArray();
    }
}
