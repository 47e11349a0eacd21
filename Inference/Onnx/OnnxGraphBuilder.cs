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

    public void AddFloatInput(string name, IReadOnlyList<int> shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var dimension in shape)
        {
            tensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
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

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public byte[] ToModelBytes()
    {
        var model = new ModelProto { IrVersion = IrVersion, ProducerName = "Glance.Inference", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return model.ToByteArray();
    }
}
