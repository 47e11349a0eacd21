using Glance.Inference.Graph;
using Glance.Inference.Graph.Kernels;
using Onnx;
using static Glance.Inference.Onnx.OnnxGraphBuilder;

namespace Glance.Inference.Onnx;

/// <summary>
/// Turns the convolutional part of a parsed TF.js graph model into an ONNX model, in memory, so ONNX Runtime can run it
/// with the same weights. The converted part runs in NCHW (ONNX's native layout, where ONNX Runtime's convolutions are
/// fastest): the NHWC input is transposed once, filters are rearranged HWIO to OIHW (depthwise filters become group
/// convolutions), axes are remapped, and each requested output is transposed back to NHWC so callers see TF's layout.
/// Every value it converts is a rank-4 activation (reductions must keep their dimensions); ops outside that part
/// (TopK, gathers, index arithmetic) are refused, naming the node, and are left to the graph executor. TF's four-node
/// hard swish becomes ONNX's HardSwish, found by the same fusion the graph executor applies.
/// </summary>
public static class TfjsOnnxConverter
{
    /// <summary>NHWC axis to NCHW axis.</summary>
    private static readonly long[] NchwAxis = [0, 2, 3, 1];

    /// <param name="topology">The parsed graph (see <see cref="GraphTopology.Parse"/>).</param>
    /// <param name="weights">The decoded weights; constants are read from here.</param>
    /// <param name="inputNode">The placeholder fed to the ONNX model under the same name, NHWC.</param>
    /// <param name="inputShape">The input's NHWC shape.</param>
    /// <param name="outputs">The nodes to compute; the ONNX model's outputs carry these names, NHWC.</param>
    /// <returns>The serialized ONNX model.</returns>
    public static byte[] Convert(GraphTopology topology, TfjsWeightMap weights, string inputNode, IReadOnlyList<int> inputShape, IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrEmpty(inputNode);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputShape.Count != 4)
        {
            throw new GraphModelException($"The input '{inputNode}' must be NHWC (rank 4); its shape is [{string.Join(", ", inputShape)}].");
        }

        // Hard swish as one ONNX HardSwish rather than TF's four nodes: a quarter of the passes over the activations.
        bool IsScalarConstant(string name) =>
            topology.ByName.TryGetValue(name, out var node) && node.Op == "Const" && weights.Contains(name) && weights.Get(name) is { Floats.Length: 1 };
        var nodes = HardSwishFusion.Apply(topology.Nodes, IsScalarConstant).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var conversion = new Conversion(nodes, weights, inputNode, inputShape);
        foreach (var output in outputs)
        {
            conversion.Builder.ReserveName(output);
        }

        foreach (var output in outputs)
        {
            conversion.AddOutput(output);
        }

        return conversion.Builder.ToModelBytes();
    }

    private sealed class Conversion(Dictionary<string, GraphNode> nodes, TfjsWeightMap weights, string inputNode, IReadOnlyList<int> inputShape)
    {
        /// <summary>The NCHW ONNX value of each converted node.</summary>
        private readonly Dictionary<string, string> converted = new(StringComparer.Ordinal);

        public OnnxGraphBuilder Builder { get; } = new();

        public void AddOutput(string nodeName)
        {
            var value = Value(nodeName, nodeName);
            Builder.AddNodeNamed("Transpose", nodeName, [value], Ints("perm", 0, 2, 3, 1));
            Builder.AddFloatOutput(nodeName);
        }

        private string Value(string nodeName, string reader)
        {
            if (converted.TryGetValue(nodeName, out var known))
            {
                return known;
            }

            if (!nodes.TryGetValue(nodeName, out var node))
            {
                throw new GraphModelException($"'{reader}' reads '{nodeName}', which is not a node of the graph.");
            }

            var value = Convert(node);
            converted[nodeName] = value;
            return value;
        }

        private string Input(GraphNode node, int index)
        {
            var inputs = node.DataInputs.ToList();
            if (index >= inputs.Count)
            {
                throw node.Error($"it has {inputs.Count} inputs; input {index} was expected.");
            }

            var reference = inputs[index];
            if (reference.OutputIndex != 0)
            {
                throw node.Error($"it reads output {reference.OutputIndex} of '{reference.NodeName}'; only single-output ops are converted.");
            }

            return Value(reference.NodeName, node.Name);
        }

        private TfjsWeight? ConstantInput(GraphNode node, int index)
        {
            var inputs = node.DataInputs.ToList();
            if (index >= inputs.Count)
            {
                throw node.Error($"it has {inputs.Count} inputs; input {index} was expected.");
            }

            var name = inputs[index].NodeName;
            return nodes.TryGetValue(name, out var producer) && producer.Op == "Const"
                ? weights.Contains(name) ? weights.Get(name) : throw node.Error($"the constant '{name}' has no value in the weight shards.")
                : null;
        }

        private TfjsWeight RequireConstant(GraphNode node, int index, string role) =>
            ConstantInput(node, index) ?? throw node.Error($"its {role} (input {index}) must be a constant to be converted.");

        private string Convert(GraphNode node)
        {
            if (node.Op is not ("Placeholder" or "Const") && node.GetString("data_format", "NHWC") != "NHWC")
            {
                throw node.Error($"data format '{node.GetString("data_format")}' is not supported (NHWC).");
            }

            return node.Op switch
            {
                "Placeholder" => Placeholder(node),
                "Conv2D" => Convolution(node, depthwise: false, fused: false),
                "_FusedConv2D" => Convolution(node, depthwise: false, fused: true),
                "DepthwiseConv2dNative" => Convolution(node, depthwise: true, fused: false),
                "FusedDepthwiseConv2dNative" => Convolution(node, depthwise: true, fused: true),
                "Add" or "AddV2" or "BiasAdd" => Binary(node, "Add"),
                "Sub" => Binary(node, "Sub"),
                "Mul" => Binary(node, "Mul"),
                "Relu" => Builder.AddNode("Relu", node.Name, [Input(node, 0)]),
                "Relu6" => Relu6(node.Name, Input(node, 0)),
                HardSwishKernel.OpName => HardSwish(node),
                "MaxPool" => MaxPool(node),
                "Equal" => Builder.AddNode("Equal", node.Name, [Input(node, 0), Input(node, 1)]),
                "Cast" => Cast(node),
                "Sigmoid" => Builder.AddNode("Sigmoid", node.Name, [Input(node, 0)]),
                "Identity" => Input(node, 0),
                "Mean" => Mean(node),
                "ConcatV2" => Concat(node),
                "ResizeBilinear" => Resize(node),
                "Const" => throw node.Error("a constant is used as an activation; only constant operands of ops are converted."),
                _ => throw node.Error("the op has no ONNX conversion; run it on the graph executor."),
            };
        }

        private string Placeholder(GraphNode node)
        {
            if (node.Name != inputNode)
            {
                throw node.Error($"the outputs need this input; only '{inputNode}' is fed to the ONNX model.");
            }

            Builder.AddFloatInput(node.Name, inputShape);
            return Builder.AddNode("Transpose", node.Name + "/nchw", [node.Name], Ints("perm", 0, 3, 1, 2));
        }

        private string Convolution(GraphNode node, bool depthwise, bool fused)
        {
            var strides = node.GetInts("strides", [1, 1, 1, 1]);
            var dilations = node.GetInts("dilations", [1, 1, 1, 1]);
            if (strides.Count != 4 || strides[0] != 1 || strides[3] != 1 || dilations.Count != 4 || dilations[0] != 1 || dilations[3] != 1)
            {
                throw node.Error($"strides [{string.Join(", ", strides)}] and dilations [{string.Join(", ", dilations)}] must be NHWC [1, y, x, 1].");
            }

            var filter = RequireConstant(node, 1, "filter");
            if (filter.Floats is null || filter.Shape.Length != 4)
            {
                throw node.Error($"the filter is {filter.DataType} [{string.Join(", ", filter.Shape)}], expected a float HWIO filter.");
            }

            var (filterName, outputChannels, groups) = depthwise ? DepthwiseFilter(node, filter) : Filter(node, filter);
            List<string> inputs = [Input(node, 0), filterName];
            var activation = "";
            if (fused)
            {
                var fusedOps = node.GetStrings("fused_ops");
                if (fusedOps.Count is < 1 or > 2 || fusedOps[0] != "BiasAdd" || node.GetInt("num_args", 1) != 1)
                {
                    throw node.Error($"fused ops [{string.Join(", ", fusedOps)}] are not supported (BiasAdd, then an optional Relu, Relu6 or LeakyRelu).");
                }

                var bias = RequireConstant(node, 2, "bias");
                if (bias.Floats is null || bias.Floats.Length != outputChannels)
                {
                    throw node.Error($"the bias has {bias.Floats?.Length ?? 0} float values, expected {outputChannels}.");
                }

                inputs.Add(Builder.AddFloatConstant(node.Name + "/bias", bias.Floats, outputChannels));
                activation = fusedOps.Count == 2 ? fusedOps[1] : "";
            }

            var attributes = new List<AttributeProto>
            {
                Ints("kernel_shape", filter.Shape[0], filter.Shape[1]),
                Ints("strides", strides[1], strides[2]),
                Ints("dilations", dilations[1], dilations[2]),
                Int("group", groups),
            };
            attributes.Add(node.GetString("padding") switch
            {
                // TF's SAME pads the odd pixel at the end, as SAME_UPPER does.
                "SAME" => Text("auto_pad", "SAME_UPPER"),
                "VALID" => Text("auto_pad", "VALID"),
                "EXPLICIT" => ExplicitPads(node),
                var other => throw node.Error($"padding '{other}' is not supported."),
            });

            var convolved = Builder.AddNode("Conv", activation.Length == 0 ? node.Name : node.Name + "/conv", inputs, [.. attributes]);
            return activation switch
            {
                "" => convolved,
                "Relu" => Builder.AddNode("Relu", node.Name, [convolved]),
                "Relu6" => Relu6(node.Name, convolved),
                "LeakyRelu" => Builder.AddNode("LeakyRelu", node.Name, [convolved], Float("alpha", node.GetFloat("leakyrelu_alpha", 0.2f))),
                _ => throw node.Error($"the fused activation '{activation}' is not supported."),
            };
        }

        private static AttributeProto ExplicitPads(GraphNode node)
        {
            var pads = node.GetInts("explicit_paddings", []);
            if (pads.Count != 8 || pads[0] != 0 || pads[1] != 0 || pads[6] != 0 || pads[7] != 0)
            {
                throw node.Error($"explicit_paddings [{string.Join(", ", pads)}] are not supported (NHWC, spatial only).");
            }

            // TF lists (before, after) per NHWC axis; ONNX lists all the befores, then all the afters.
            return Ints("pads", pads[2], pads[4], pads[3], pads[5]);
        }

        /// <summary>HWIO to OIHW.</summary>
        private (string Name, int OutputChannels, int Groups) Filter(GraphNode node, TfjsWeight filter)
        {
            int height = filter.Shape[0], width = filter.Shape[1], inputs = filter.Shape[2], outputs = filter.Shape[3];
            return (Builder.AddHwioFilter(node.Name + "/filter", filter.Floats!, height, width, inputs, outputs), outputs, 1);
        }

        /// <summary>A depthwise HWCM filter (M outputs per input channel) as a group convolution's filter.</summary>
        private (string Name, int OutputChannels, int Groups) DepthwiseFilter(GraphNode node, TfjsWeight filter)
        {
            int height = filter.Shape[0], width = filter.Shape[1], channels = filter.Shape[2], multiplier = filter.Shape[3];
            return (Builder.AddDepthwiseFilter(node.Name + "/filter", filter.Floats!, height, width, channels, multiplier), channels * multiplier, channels);
        }

        private string Binary(GraphNode node, string onnxOp)
        {
            var inputs = node.DataInputs.ToList();
            if (inputs.Count != 2)
            {
                throw node.Error($"it has {inputs.Count} inputs, expected 2.");
            }

            return Builder.AddNode(onnxOp, node.Name, [Operand(node, 0), Operand(node, 1)]);
        }

        /// <summary>An activation, or a constant broadcast over one: a scalar, or one value per channel.</summary>
        private string Operand(GraphNode node, int index)
        {
            if (ConstantInput(node, index) is not { } constant)
            {
                return Input(node, index);
            }

            if (constant.Floats is not { } values)
            {
                throw node.Error($"its constant operand {index} is {constant.DataType}; only float operands are converted.");
            }

            var name = node.Name + "/operand" + index;
            if (values.Length == 1)
            {
                return Builder.AddFloatConstant(name, values);
            }

            // [C] or [1, 1, 1, C] broadcasts along NHWC's channels, which are NCHW's axis 1.
            var perChannel = constant.Shape.Length >= 1 && constant.Shape[^1] == values.Length;
            return perChannel
                ? Builder.AddFloatConstant(name, values, 1, values.Length, 1, 1)
                : throw node.Error($"its constant operand {index} has shape [{string.Join(", ", constant.Shape)}]; only scalars and per-channel vectors are converted.");
        }

        private string Relu6(string name, string input) =>
            Builder.AddNode("Clip", name, [input, Builder.AddFloatConstant(name + "/min", [0f]), Builder.AddFloatConstant(name + "/max", [6f])]);

        /// <summary>
        /// y = x * scale * relu6(x + shift). With TF's shift of 3 that is 6 * scale * HardSwish(x); the scale, 1/6 stored
        /// as float16, is not exactly 1/6, so the remaining factor is kept rather than rounded away.
        /// </summary>
        private string HardSwish(GraphNode node)
        {
            var scale = RequireConstant(node, 1, "scale").Floats is [var s] ? s : throw node.Error("its scale is not one float.");
            var shift = RequireConstant(node, 2, "shift").Floats is [var t] ? t : throw node.Error("its shift is not one float.");
            var x = Input(node, 0);
            if (shift != 3f)
            {
                var gate = Relu6(node.Name + "/gate", Builder.AddNode("Add", node.Name + "/shifted", [x, Builder.AddFloatConstant(node.Name + "/shift", [shift])]));
                var scaled = Builder.AddNode("Mul", node.Name + "/scaled", [x, Builder.AddFloatConstant(node.Name + "/scale", [scale])]);
                return Builder.AddNode("Mul", node.Name, [scaled, gate]);
            }

            var swish = Builder.AddNode("HardSwish", node.Name + "/swish", [x]);
            var factor = scale * 6f;
            return factor == 1f ? swish : Builder.AddNode("Mul", node.Name, [swish, Builder.AddFloatConstant(node.Name + "/factor", [factor])]);
        }

        private string MaxPool(GraphNode node)
        {
            var size = node.GetInts("ksize");
            var strides = node.GetInts("strides", [1, 1, 1, 1]);
            if (size.Count != 4 || size[0] != 1 || size[3] != 1 || strides.Count != 4 || strides[0] != 1 || strides[3] != 1)
            {
                throw node.Error($"ksize [{string.Join(", ", size)}] and strides [{string.Join(", ", strides)}] must be NHWC [1, y, x, 1].");
            }

            var padding = node.GetString("padding") switch
            {
                // Padded pixels never win the max, in TF as in ONNX.
                "SAME" => "SAME_UPPER",
                "VALID" => "VALID",
                var other => throw node.Error($"padding '{other}' is not supported."),
            };
            return Builder.AddNode("MaxPool", node.Name, [Input(node, 0)], Ints("kernel_shape", size[1], size[2]), Ints("strides", strides[1], strides[2]), Text("auto_pad", padding));
        }

        private string Cast(GraphNode node)
        {
            var target = node.GetTypeName("DstT");
            return target == "DT_FLOAT"
                ? Builder.AddNode("Cast", node.Name, [Input(node, 0)], Int("to", (long)TensorProto.Types.DataType.Float))
                : throw node.Error($"only casts to float are converted, not to {target}.");
        }

        private string Mean(GraphNode node)
        {
            if (!node.GetBool("keep_dims", false))
            {
                throw node.Error("only means that keep their dimensions are converted (the converted graph stays rank 4).");
            }

            var axes = RequireConstant(node, 1, "reduction axes").Integers ?? throw node.Error("its reduction axes are not integers.");
            var onnxAxes = axes.Select(a => NchwAxis[Axis(node, a)]).ToArray();
            return Builder.AddNode("ReduceMean", node.Name, [Input(node, 0), Builder.AddInt64Constant(node.Name + "/axes", onnxAxes)], Int("keepdims", 1));
        }

        private string Concat(GraphNode node)
        {
            var count = node.DataInputs.Count();
            var axis = RequireConstant(node, count - 1, "axis").Integers is [var a] ? a : throw node.Error("its axis is not one integer.");
            var inputs = Enumerable.Range(0, count - 1).Select(i => Input(node, i)).ToList();
            return Builder.AddNode("Concat", node.Name, inputs, Int("axis", NchwAxis[Axis(node, axis)]));
        }

        private string Resize(GraphNode node)
        {
            var size = RequireConstant(node, 1, "size").Integers is [var height, var width] ? (height, width) : throw node.Error("its size is not two integers.");
            var alignCorners = node.GetBool("align_corners", false);
            var halfPixelCenters = node.GetBool("half_pixel_centers", false);
            // TF maps output pixel x to input x * in / out (asymmetric) by default, corner to corner with align_corners,
            // and centre to centre with half_pixel_centers.
            var mode = (alignCorners, halfPixelCenters) switch
            {
                (false, false) => "asymmetric",
                (true, false) => "align_corners",
                (false, true) => "half_pixel",
                _ => throw node.Error("align_corners and half_pixel_centers cannot both be set."),
            };
            // Sizes for all four axes, batch and channels taken from the input: ONNX Runtime's layout optimizer
            // mishandles Resize's axes attribute when it moves transposes across the resize.
            var input = Input(node, 0);
            var leading = Builder.AddNode("Shape", node.Name + "/leading", [input], Int("start", 0), Int("end", 2));
            var sizes = Builder.AddNode("Concat", node.Name + "/sizes", [leading, Builder.AddInt64Constant(node.Name + "/size", size.height, size.width)], Int("axis", 0));
            return Builder.AddNode(
                "Resize",
                node.Name,
                [input, "", "", sizes],
                Text("mode", "linear"),
                Text("coordinate_transformation_mode", mode));
        }

        private static int Axis(GraphNode node, int axis) =>
            axis is >= -4 and < 4 ? (axis + 4) % 4 : throw node.Error($"axis {axis} is out of range for a rank-4 tensor.");
    }
}
