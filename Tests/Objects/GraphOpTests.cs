using Glance.Inference.Nn;
using Glance.Inference.Graph;
using Glance.Tests.Nn;

namespace Glance.Tests.Objects;

/// <summary>The executor's non-convolution ops on small hand-checked inputs, with TensorFlow's semantics.</summary>
public sealed class GraphOpTests
{
    private static float[] Sequence(int count, float start = 0, float step = 1) => Enumerable.Range(0, count).Select(i => start + (i * step)).ToArray();

    [Fact]
    public void Binary_ops_broadcast_like_numpy()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 2, 3, 1);
        graph.Const("row", [10, 20, 30, 40], 1, 4);
        graph.Node("sum", "AddV2", ["x", "row"]);
        graph.Scalar("two", 2);
        graph.Node("left", "Sub", ["two", "x"]);
        graph.Const("ch", [1, 2, 3], 3, 1);
        graph.Node("ratio", "RealDiv", ["x", "ch"]);
        graph.Node("big", "Maximum", ["x", "two"]);
        var outputs = graph.Build().RunAll("x", Sequence(6), [2, 3, 1], "sum", "left", "ratio", "big");

        outputs[0].Shape.Should().Equal(2, 3, 4);
        outputs[0].ToFloatArray().Should().Equal(
            10, 20, 30, 40, 11, 21, 31, 41, 12, 22, 32, 42,
            13, 23, 33, 43, 14, 24, 34, 44, 15, 25, 35, 45);
        outputs[1].ToFloatArray().Should().Equal(2, 1, 0, -1, -2, -3);
        outputs[2].ToFloatArray().Should().Equal(0, 0.5f, 2f / 3, 3, 2, 5f / 3);
        outputs[3].ToFloatArray().Should().Equal(2, 2, 2, 3, 4, 5);
    }

    [Fact]
    public void Per_channel_scales_multiply_every_pixel()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 2, 2, 3);
        graph.Const("scale", [1, 10, 100], 1, 1, 1, 3);
        graph.Node("y", "Mul", ["scale", "x"]);

        var (shape, values) = graph.Build().RunFloat("x", Sequence(12, 1), [1, 2, 2, 3], "y");

        shape.Should().Equal(1, 2, 2, 3);
        values.Should().Equal(1, 20, 300, 4, 50, 600, 7, 80, 900, 10, 110, 1200);
    }

    [Fact]
    public void Integer_floor_division_and_modulo_round_toward_negative_infinity()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1);
        graph.Ints("a", [7, -7, 7, -7, 0], 5);
        graph.Ints("b", [2, 2, -2, -2, 3], 5);
        graph.Node("q", "FloorDiv", ["a", "b"]);
        graph.Node("r", "FloorMod", ["a", "b"]);
        graph.Ints("one", [1], 1);
        graph.Node("e", "Equal", ["r", "one"]);
        graph.Node("ef", "Cast", ["e"], ("DstT", Attr.Type("DT_FLOAT")));
        var outputs = graph.Build().RunAll("x", [0], [1], "q", "r", "ef");

        outputs[0].DataType.Should().Be(GraphDataType.Int32);
        outputs[0].ToIntArray().Should().Equal(3, -4, -4, 3, 0);
        outputs[1].ToIntArray().Should().Equal(1, 1, -1, -1, 0);
        outputs[2].ToFloatArray().Should().Equal(1, 1, 0, 0, 0);
    }

    [Fact]
    public void Hard_swish_chains_are_fused_and_give_the_same_bits()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 3, 3, 5);
        graph.Scalar("sixth", 0.1666259765625f);
        graph.Scalar("three", 3f);
        graph.Node("hs/mul", "Mul", ["sixth", "x"]);
        graph.Node("hs/add", "Add", ["x", "three"]);
        graph.Node("hs/relu6", "Relu6", ["hs/add"]);
        graph.Node("hs/out", "Mul", ["hs/mul", "hs/relu6"]);
        var executor = graph.Build();
        var input = Sequence(45, -6f, 0.29f);

        var (_, actual) = executor.RunFloat("x", input, [1, 3, 3, 5], "hs/out");

        executor.Nodes.Select(n => n.Op).Should().Contain("_GlanceHardSwish").And.NotContain("Relu6");
        var expected = input.Select(v => (0.1666259765625f * v) * Math.Clamp(v + 3f, 0f, 6f)).ToArray();
        actual.Should().Equal(expected);
    }

    [Fact]
    public void Hard_swish_is_not_fused_when_an_inner_node_feeds_something_else()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 4);
        graph.Scalar("sixth", 1f / 6);
        graph.Scalar("three", 3f);
        graph.Node("mul", "Mul", ["sixth", "x"]);
        graph.Node("add", "Add", ["x", "three"]);
        graph.Node("relu6", "Relu6", ["add"]);
        graph.Node("out", "Mul", ["mul", "relu6"]);
        graph.Node("other", "Identity", ["relu6"]);
        var executor = graph.Build();

        executor.Nodes.Select(n => n.Op).Should().NotContain("_GlanceHardSwish");
        executor.RunFloat("x", [-4, -1, 1, 4], [4], "other").Values.Should().Equal(0, 2, 4, 6);
    }

    [Fact]
    public void TopK_orders_by_value_then_by_lower_index()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 2, 6);
        graph.Ints("k", [3]);
        graph.Node("top", "TopKV2", ["x", "k"], ("sorted", Attr.B(true)));
        var outputs = graph.Build().RunAll("x", [1, 5, 3, 5, 0, 2, -1, -1, -1, -2, -1, 7], [2, 6], "top", "top:1");

        outputs[0].Shape.Should().Equal(2, 3);
        outputs[0].ToFloatArray().Should().Equal(5, 5, 3, 7, -1, -1);
        outputs[1].ToIntArray().Should().Equal(1, 3, 2, 5, 0, 1);
    }

    [Fact]
    public void TopK_over_a_large_row_matches_a_full_sort()
    {
        var values = NaiveOps.Random(new Random(7), 50_000);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 50_000);
        graph.Ints("k", [100]);
        graph.Node("top", "TopKV2", ["x", "k"]);
        var outputs = graph.Build().RunAll("x", values, [1, 50_000], "top", "top:1");

        var expected = values.Select((v, i) => (v, i)).OrderByDescending(p => p.v).ThenBy(p => p.i).Take(100).ToList();
        outputs[0].ToFloatArray().Should().Equal(expected.Select(p => p.v));
        outputs[1].ToIntArray().Should().Equal(expected.Select(p => p.i));
    }

    [Fact]
    public void Strided_slice_honours_masks_and_negative_strides()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 2, 3, 4);
        // x[:, 1, ::-2] -> shape [2, 2]: shrink axis 1, begin/end masks on axes 0 and 2, stride -2 on the last.
        graph.Ints("b", [0, 1, 0], 3);
        graph.Ints("e", [0, 2, 0], 3);
        graph.Ints("s", [1, 1, -2], 3);
        graph.Node("slice", "StridedSlice", ["x", "b", "e", "s"], ("begin_mask", Attr.I(5)), ("end_mask", Attr.I(5)), ("shrink_axis_mask", Attr.I(2)));
        // x[..., 1:3][newaxis] via ellipsis and new-axis masks -> [1, 2, 3, 2].
        graph.Ints("b2", [0, 0, 1], 3);
        graph.Ints("e2", [0, 0, 3], 3);
        graph.Ints("s2", [1, 1, 1], 3);
        graph.Node("slice2", "StridedSlice", ["x", "b2", "e2", "s2"], ("new_axis_mask", Attr.I(1)), ("ellipsis_mask", Attr.I(2)));
        var outputs = graph.Build().RunAll("x", Sequence(24), [2, 3, 4], "slice", "slice2");

        outputs[0].Shape.Should().Equal(2, 2);
        outputs[0].ToFloatArray().Should().Equal(7, 5, 19, 17);
        outputs[1].Shape.Should().Equal(1, 2, 3, 2);
        outputs[1].ToFloatArray().Should().Equal(1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22);
    }

    [Fact]
    public void Gather_concat_reshape_expand_squeeze_and_transpose_move_the_right_elements()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 3, 2);
        graph.Ints("idx", [2, 0, 2], 3);
        graph.Ints("axis0", [0]);
        graph.Node("gathered", "GatherV2", ["x", "idx", "axis0"], ("batch_dims", Attr.I(0)));
        graph.Ints("axisLast", [-1]);
        graph.Node("joined", "ConcatV2", ["x", "gathered", "axisLast"], ("N", Attr.I(2)));
        graph.Ints("shape", [-1, 4], 2);
        graph.Node("reshaped", "Reshape", ["joined", "shape"]);
        graph.Node("expanded", "ExpandDims", ["reshaped", "axis0"]);
        graph.Node("squeezed", "Squeeze", ["expanded"], ("squeeze_dims", Attr.Ints(0)));
        graph.Ints("perm", [1, 0], 2);
        graph.Node("transposed", "Transpose", ["squeezed", "perm"]);
        var outputs = graph.Build().RunAll("x", [1, 2, 3, 4, 5, 6], [3, 2], "gathered", "joined", "expanded", "transposed");

        outputs[0].ToFloatArray().Should().Equal(5, 6, 1, 2, 5, 6);
        outputs[1].Shape.Should().Equal(3, 4);
        outputs[1].ToFloatArray().Should().Equal(1, 2, 5, 6, 3, 4, 1, 2, 5, 6, 5, 6);
        outputs[2].Shape.Should().Equal(1, 3, 4);
        outputs[3].Shape.Should().Equal(4, 3);
        outputs[3].ToFloatArray().Should().Equal(1, 3, 5, 2, 4, 6, 5, 1, 5, 6, 2, 6);
    }

    [Fact]
    public void Mean_sum_and_max_reduce_contiguous_and_scattered_axes()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 2, 3, 2);
        graph.Ints("spatial", [1, 2], 2);
        graph.Ints("outer", [0, 3], 2);
        graph.Node("mean", "Mean", ["x", "spatial"], ("keep_dims", Attr.B(true)));
        graph.Node("sum", "Sum", ["x", "outer"], ("keep_dims", Attr.B(false)));
        graph.Node("max", "Max", ["x", "spatial"]);
        var outputs = graph.Build().RunAll("x", Sequence(12), [1, 2, 3, 2], "mean", "sum", "max");

        outputs[0].Shape.Should().Equal(1, 1, 1, 2);
        outputs[0].ToFloatArray().Should().Equal(5, 6);
        outputs[1].Shape.Should().Equal(2, 3);
        outputs[1].ToFloatArray().Should().Equal(1, 5, 9, 13, 17, 21);
        outputs[2].Shape.Should().Equal(1, 2);
        outputs[2].ToFloatArray().Should().Equal(10, 11);
    }

    [Fact]
    public void Pad_and_max_pool_follow_tensorflow_padding()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 3, 3, 1);
        graph.Ints("pads", [0, 0, 1, 0, 0, 2, 0, 0], 4, 2);
        graph.Node("padded", "Pad", ["x", "pads"]);
        graph.Node("pooled", "MaxPool", ["x"], ("ksize", Attr.Ints(1, 3, 3, 1)), ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("SAME")));
        graph.Node("pooled2", "MaxPool", ["x"], ("ksize", Attr.Ints(1, 2, 2, 1)), ("strides", Attr.Ints(1, 2, 2, 1)), ("padding", Attr.S("SAME")));
        var input = new float[] { -1, -5, -3, -4, -2, -6, -9, -8, -7 };
        var outputs = graph.Build().RunAll("x", input, [1, 3, 3, 1], "padded", "pooled", "pooled2");

        outputs[0].Shape.Should().Equal(1, 4, 5, 1);
        outputs[0].ToFloatArray().Should().Equal(0, 0, 0, 0, 0, -1, -5, -3, 0, 0, -4, -2, -6, 0, 0, -9, -8, -7, 0, 0);
        // Padding never wins a max, even when every value is negative.
        outputs[1].ToFloatArray().Should().Equal(-1, -1, -2, -1, -1, -2, -2, -2, -2);
        outputs[2].ToFloatArray().Should().Equal(-1, -3, -8, -7);
    }

    [Fact]
    public void Max_pool_over_many_channels_matches_the_nn_pooling()
    {
        var input = NaiveOps.Random(new Random(3), 1 * 9 * 7 * 83);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 9, 7, 83);
        graph.Node("pooled", "MaxPool", ["x"], ("ksize", Attr.Ints(1, 3, 3, 1)), ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("SAME")));

        var (_, actual) = graph.Build().RunFloat("x", input, [1, 9, 7, 83], "pooled");

        using var expected = Pooling.MaxPool(Tensor.FromArray(input, 1, 9, 7, 83), 3, 1, Padding.Same);
        actual.Should().Equal(expected.ToArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Resize_bilinear_matches_the_nn_resize(bool alignCorners, bool halfPixelCenters)
    {
        var input = NaiveOps.Random(new Random(5), 1 * 5 * 4 * 19);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 5, 4, 19);
        graph.Ints("size", [10, 9], 2);
        graph.Node("y", "ResizeBilinear", ["x", "size"], ("align_corners", Attr.B(alignCorners)), ("half_pixel_centers", Attr.B(halfPixelCenters)));

        var (shape, actual) = graph.Build().RunFloat("x", input, [1, 5, 4, 19], "y");

        using var expected = ResizeBilinear.Apply(Tensor.FromArray(input, 1, 5, 4, 19), 10, 9, alignCorners, halfPixelCenters);
        shape.Should().Equal(1, 10, 9, 19);
        NaiveOps.ShouldBeClose(actual, expected.ToArray(), 1e-6f);
    }

    [Fact]
    public void Resize_nearest_neighbor_picks_tfjs_source_pixels()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 2, 3, 1);
        graph.Ints("size", [4, 5], 2);
        graph.Node("y", "ResizeNearestNeighbor", ["x", "size"]);

        var (_, actual) = graph.Build().RunFloat("x", [1, 2, 3, 4, 5, 6], [1, 2, 3, 1], "y");

        // Source column floor(c * 3 / 5) = 0,0,1,1,2; source row floor(r / 2) = 0,0,1,1.
        actual.Should().Equal(1, 1, 2, 2, 3, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 4, 4, 5, 5, 6);
    }

    [Fact]
    public void Unary_activations_and_casts()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 5);
        graph.Node("relu", "Relu", ["x"]);
        graph.Node("relu6", "Relu6", ["x"]);
        graph.Node("sigmoid", "Sigmoid", ["x"]);
        graph.Node("leaky", "LeakyRelu", ["x"], ("alpha", Attr.F(0.1f)));
        graph.Node("int", "Cast", ["x"], ("DstT", Attr.Type("DT_INT32")));
        var outputs = graph.Build().RunAll("x", [-7.5f, -0.5f, 0, 2.7f, 9], [5], "relu", "relu6", "sigmoid", "leaky", "int");

        outputs[0].ToFloatArray().Should().Equal(0, 0, 0, 2.7f, 9);
        outputs[1].ToFloatArray().Should().Equal(0, 0, 0, 2.7f, 6);
        outputs[2].ToFloatArray().Should().BeEquivalentTo(new[] { -7.5f, -0.5f, 0, 2.7f, 9 }.Select(v => 1 / (1 + MathF.Exp(-v))), o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
        outputs[3].ToFloatArray().Should().Equal(-0.75f, -0.05f, 0, 2.7f, 9);
        outputs[4].ToIntArray().Should().Equal(-7, 0, 0, 2, 9);
    }
}
