using Glance.Inference.Graph;
using Glance.Tests.Nn;

namespace Glance.Tests.Objects;

/// <summary>The executor's convolution nodes against straightforward loops: strides, padding modes, fused epilogues.</summary>
public sealed class GraphConvolutionTests
{
    private static readonly Random Random = new(20261121);

    [Theory]
    [InlineData(1, "SAME", 3)]
    [InlineData(2, "SAME", 3)]
    [InlineData(2, "VALID", 3)]
    [InlineData(1, "SAME", 1)]
    public void Fused_conv2d_with_bias_and_relu6_matches_the_definition(int stride, string padding, int kernel)
    {
        var (h, w, c, outC) = (9, 11, 5, 19);
        var input = NaiveOps.Random(Random, h * w * c, 3f);
        var filter = NaiveOps.Random(Random, kernel * kernel * c * outC);
        var bias = NaiveOps.Random(Random, outC);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, h, w, c);
        graph.Const("f", filter, kernel, kernel, c, outC);
        graph.Const("b", bias, outC);
        graph.Node("y", "_FusedConv2D", ["x", "f", "b"],
            ("strides", Attr.Ints(1, stride, stride, 1)), ("padding", Attr.S(padding)), ("fused_ops", Attr.Strings("BiasAdd", "Relu6")),
            ("num_args", Attr.I(1)), ("data_format", Attr.S("NHWC")), ("dilations", Attr.Ints(1, 1, 1, 1)));

        var (shape, actual) = graph.Build().RunFloat("x", input, [1, h, w, c], "y");

        var expected = NaiveOps.Conv2D(input, 1, h, w, c, filter, kernel, kernel, outC, bias, stride, stride, padding == "SAME", 1, out var oh, out var ow)
            .Select(v => Math.Clamp(v, 0f, 6f)).ToArray();
        shape.Should().Equal(1, oh, ow, outC);
        NaiveOps.ShouldBeClose(actual, expected, 1e-4f);
    }

    [Fact]
    public void Explicit_padding_pads_each_side_as_listed()
    {
        var (h, w, c, outC) = (6, 5, 3, 4);
        var input = NaiveOps.Random(Random, h * w * c);
        var filter = NaiveOps.Random(Random, 3 * 3 * c * outC);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, h, w, c);
        graph.Const("f", filter, 3, 3, c, outC);
        graph.Node("y", "Conv2D", ["x", "f"],
            ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("EXPLICIT")), ("explicit_paddings", Attr.Ints(0, 0, 2, 0, 0, 1, 0, 0)));

        var (shape, actual) = graph.Build().RunFloat("x", input, [1, h, w, c], "y");

        // Pad 2 rows on top and 1 column on the right by hand, then convolve VALID.
        var (ph, pw) = (h + 2, w + 1);
        var padded = new float[ph * pw * c];
        for (var y = 0; y < h; y++)
        {
            Array.Copy(input, y * w * c, padded, ((y + 2) * pw) * c, w * c);
        }

        var expected = NaiveOps.Conv2D(padded, 1, ph, pw, c, filter, 3, 3, outC, [], 1, 1, false, 1, out var oh, out var ow);
        shape.Should().Equal(1, oh, ow, outC);
        NaiveOps.ShouldBeClose(actual, expected, 1e-4f);
    }

    [Theory]
    [InlineData(37, 1, 3, "SAME")]
    [InlineData(37, 2, 3, "SAME")]
    [InlineData(18, 1, 5, "SAME")]
    [InlineData(64, 2, 5, "VALID")]
    [InlineData(3, 1, 3, "SAME")]
    public void Depthwise_with_any_channel_count_matches_the_definition(int channels, int stride, int kernel, string padding)
    {
        var (h, w) = (13, 10);
        var input = NaiveOps.Random(Random, h * w * channels, 2f);
        var filter = NaiveOps.Random(Random, kernel * kernel * channels);
        var bias = NaiveOps.Random(Random, channels);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, h, w, channels);
        graph.Const("f", filter, kernel, kernel, channels, 1);
        graph.Const("b", bias, channels);
        graph.Node("y", "FusedDepthwiseConv2dNative", ["x", "f", "b"],
            ("strides", Attr.Ints(1, stride, stride, 1)), ("padding", Attr.S(padding)), ("fused_ops", Attr.Strings("BiasAdd", "Relu")), ("dilations", Attr.Ints(1, 1, 1, 1)));

        var (shape, actual) = graph.Build().RunFloat("x", input, [1, h, w, channels], "y");

        var expected = NaiveOps.Depthwise(input, h, w, channels, filter, kernel, kernel, 1, bias, stride, padding == "SAME", out var oh, out var ow)
            .Select(v => Math.Max(v, 0f)).ToArray();
        shape.Should().Equal(1, oh, ow, channels);
        NaiveOps.ShouldBeClose(actual, expected, 1e-4f);
    }

    [Fact]
    public void Depthwise_with_a_channel_multiplier_matches_the_definition()
    {
        var (h, w, c, m) = (7, 6, 4, 2);
        var input = NaiveOps.Random(Random, h * w * c);
        var filter = NaiveOps.Random(Random, 3 * 3 * c * m);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, h, w, c);
        graph.Const("f", filter, 3, 3, c, m);
        graph.Node("y", "DepthwiseConv2dNative", ["x", "f"], ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("SAME")));

        var (shape, actual) = graph.Build().RunFloat("x", input, [1, h, w, c], "y");

        shape.Should().Equal(1, h, w, c * m);
        NaiveOps.ShouldBeClose(actual, NaiveOps.Depthwise(input, h, w, c, filter, 3, 3, m, [], 1, true, out _, out _), 1e-4f);
    }

    [Theory]
    [InlineData("fused_ops", "BiasAdd,Sigmoid", "fused activation 'Sigmoid'")]
    [InlineData("data_format", "NCHW", "data_format 'NCHW'")]
    [InlineData("padding", "CAUSAL", "padding 'CAUSAL'")]
    public void Unsupported_convolution_attributes_fail_at_load_naming_the_node(string attribute, string value, string mentioned)
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 4, 4, 2);
        graph.Const("f", new float[2 * 3], 1, 1, 2, 3);
        graph.Const("b", new float[3], 3);
        var attributes = new List<(string, System.Text.Json.Nodes.JsonNode)>
        {
            ("strides", Attr.Ints(1, 1, 1, 1)),
            ("padding", Attr.S(attribute == "padding" ? value : "SAME")),
            ("fused_ops", attribute == "fused_ops" ? Attr.Strings(value.Split(',')) : Attr.Strings("BiasAdd")),
        };
        if (attribute == "data_format")
        {
            attributes.Add(("data_format", Attr.S(value)));
        }

        graph.Node("conv_node", "_FusedConv2D", ["x", "f", "b"], [.. attributes]);

        var load = () => graph.Build();

        load.Should().Throw<GraphModelException>().Which.Message.Should().Contain("conv_node").And.Contain(mentioned);
    }
}
