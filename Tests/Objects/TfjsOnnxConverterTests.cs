using Glance.Inference.Graph;
using Glance.Inference.Onnx;
using Glance.Tests.Nn;
using Microsoft.ML.OnnxRuntime;

namespace Glance.Tests.Objects;

/// <summary>
/// The TF.js-to-ONNX converter on small hand-made graphs: ONNX Runtime running the converted model must give what the
/// graph executor's kernels give on the original, for the layouts, paddings and ops CenterNet's body uses.
/// </summary>
public sealed class TfjsOnnxConverterTests
{
    private static readonly Random Random = new(20261207);

    [Theory]
    [InlineData(9, 11)]
    [InlineData(8, 8)]
    public void Strided_same_convolution_then_depthwise_convolution_match_the_graph_executor(int height, int width)
    {
        const int channels = 3;
        var graph = new TestGraph();
        graph.Placeholder("x", 1, height, width, channels);
        graph.Const("conv/filter", NaiveOps.Random(Random, 3 * 3 * channels * 4), 3, 3, channels, 4);
        graph.Const("conv/bias", NaiveOps.Random(Random, 4), 4);
        graph.Node("conv", "_FusedConv2D", ["x", "conv/filter", "conv/bias"],
            ("strides", Attr.Ints(1, 2, 2, 1)), ("padding", Attr.S("SAME")), ("fused_ops", Attr.Strings("BiasAdd", "Relu6")),
            ("num_args", Attr.I(1)), ("data_format", Attr.S("NHWC")), ("dilations", Attr.Ints(1, 1, 1, 1)));
        // A channel multiplier of 2 checks the depthwise output order (channel c's m-th output is c * 2 + m).
        graph.Const("depthwise/filter", NaiveOps.Random(Random, 3 * 3 * 4 * 2), 3, 3, 4, 2);
        graph.Const("depthwise/bias", NaiveOps.Random(Random, 8), 8);
        graph.Node("depthwise", "FusedDepthwiseConv2dNative", ["conv", "depthwise/filter", "depthwise/bias"],
            ("strides", Attr.Ints(1, 2, 2, 1)), ("padding", Attr.S("SAME")), ("fused_ops", Attr.Strings("BiasAdd", "Relu")));
        graph.Const("plain/filter", NaiveOps.Random(Random, 2 * 2 * 8), 2, 2, 8, 1);
        graph.Node("plain", "DepthwiseConv2dNative", ["depthwise", "plain/filter"], ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("VALID")));

        ShouldMatchGraphExecutor(graph, "x", [1, height, width, channels], "depthwise", "plain");
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(2.5f)]
    public void Squeeze_excite_hard_swish_concat_and_resize_match_the_graph_executor(float shift)
    {
        var (height, width, channels) = (5, 7, 4);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, height, width, channels);
        graph.Ints("mean/axes", [1, 2], 2);
        graph.Node("mean", "Mean", ["x", "mean/axes"], ("keep_dims", Attr.B(true)));
        graph.Const("squeeze/filter", NaiveOps.Random(Random, channels * channels), 1, 1, channels, channels);
        graph.Node("squeeze", "Conv2D", ["mean", "squeeze/filter"], ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("SAME")));
        graph.Node("gate", "Sigmoid", ["squeeze"]);
        graph.Node("excited", "Mul", ["x", "gate"]);
        // Hard swish as TF writes it, x * relu6(x + 3) * (1 / 6) (ONNX's HardSwish), or with another shift (no ONNX op).
        graph.Scalar("three", shift);
        graph.Scalar("sixth", 1f / 6f);
        graph.Node("swish/add", "Add", ["excited", "three"]);
        graph.Node("swish/relu6", "Relu6", ["swish/add"]);
        graph.Node("swish/mul", "Mul", ["sixth", "excited"]);
        graph.Node("swish", "Mul", ["swish/mul", "swish/relu6"]);
        graph.Const("shift", NaiveOps.Random(Random, channels), channels);
        graph.Node("shifted", "Sub", ["swish", "shift"]);
        graph.Ints("concat/axis", [3]);
        graph.Node("concat", "ConcatV2", ["shifted", "x", "concat/axis"]);
        graph.Node("relu", "Relu", ["concat"]);
        graph.Ints("resize/size", [height * 2, width * 2], 2);
        graph.Node("resize", "ResizeBilinear", ["relu", "resize/size"], ("align_corners", Attr.B(false)), ("half_pixel_centers", Attr.B(false)));
        graph.Node("output", "Identity", ["resize"]);

        ShouldMatchGraphExecutor(graph, "x", [1, height, width, channels], "output");
    }

    [Fact]
    public void The_heatmap_peak_test_matches_the_graph_executor()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 6, 7, 3);
        graph.Node("pool", "MaxPool", ["x"], ("ksize", Attr.Ints(1, 3, 3, 1)), ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("SAME")));
        graph.Node("equal", "Equal", ["x", "pool"]);
        graph.Node("cast", "Cast", ["equal"], ("SrcT", Attr.Type("DT_BOOL")), ("DstT", Attr.Type("DT_FLOAT")));
        graph.Node("peaks", "Mul", ["x", "cast"]);

        ShouldMatchGraphExecutor(graph, "x", [1, 6, 7, 3], "peaks");
    }

    [Fact]
    public void An_op_without_a_conversion_is_refused_naming_the_node()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 4, 4, 2);
        graph.Ints("k", [3]);
        graph.Node("top", "TopKV2", ["x", "k"], ("sorted", Attr.B(true)));
        var (topology, weights) = graph.Parse();

        var convert = () => TfjsOnnxConverter.Convert(topology, weights, "x", [1, 4, 4, 2], ["top"]);

        convert.Should().Throw<GraphModelException>().WithMessage("*'top' (TopKV2)*");
    }

    private static void ShouldMatchGraphExecutor(TestGraph graph, string input, int[] shape, params string[] outputs)
    {
        var data = NaiveOps.Random(Random, shape.Aggregate(1, (a, b) => a * b), 3f);
        var (topology, weights) = graph.Parse();
        var model = TfjsOnnxConverter.Convert(topology, weights, input, shape, outputs);
        using var session = new InferenceSession(model);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(data, [.. shape.Select(d => (long)d)]);
        using var runOptions = new RunOptions();
        using var actual = session.Run(runOptions, [input], [inputValue], outputs);
        var expected = graph.Build().RunAll(input, data, shape, outputs);
        try
        {
            for (var i = 0; i < outputs.Length; i++)
            {
                actual[i].GetTensorTypeAndShape().Shape.Should().Equal(expected[i].Shape.Select(d => (long)d), $"output '{outputs[i]}' is NHWC");
                NaiveOps.ShouldBeClose(actual[i].GetTensorDataAsSpan<float>().ToArray(), expected[i].ToFloatArray(), 1e-4f);
            }
        }
        finally
        {
            foreach (var value in expected)
            {
                value.Dispose();
            }
        }
    }
}
