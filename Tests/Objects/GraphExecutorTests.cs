using Glance.Inference.Graph;
using Glance.Tests.Nn;

namespace Glance.Tests.Objects;

/// <summary>Loading, planning, buffer reuse and concurrency of the graph executor.</summary>
public sealed class GraphExecutorTests
{
    [Fact]
    public void An_unsupported_op_fails_at_load_naming_the_node_and_the_op()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 2);
        graph.Node("mystery_node", "Erfinv", ["x"]);

        var load = () => graph.Build();

        load.Should().Throw<GraphModelException>().Which.Message.Should().Contain("mystery_node").And.Contain("'Erfinv'");
    }

    [Fact]
    public void Unknown_inputs_and_cycles_fail_at_load()
    {
        var dangling = new TestGraph();
        dangling.Placeholder("x", 2);
        dangling.Node("y", "Relu", ["nowhere"]);
        var cyclic = new TestGraph();
        cyclic.Node("a", "Relu", ["b"]);
        cyclic.Node("b", "Relu", ["a"]);

        dangling.Invoking(g => g.Build()).Should().Throw<GraphModelException>().WithMessage("*'y'*'nowhere'*");
        cyclic.Invoking(g => g.Build()).Should().Throw<GraphModelException>().WithMessage("*cycle*");
    }

    [Fact]
    public void A_constant_without_a_value_fails_at_load()
    {
        var json = """{"format":"graph-model","modelTopology":{"node":[{"name":"c","op":"Const","attr":{"dtype":{"type":"DT_FLOAT"}}}]},"weightsManifest":[{"paths":[],"weights":[]}]}""";
        var manifest = Glance.Inference.Nn.TfjsWeightsManifest.Parse(json);
        var weights = Glance.Inference.Nn.TfjsWeightDecoder.Decode(manifest, _ => ReadOnlyMemory<byte>.Empty, "test");

        var load = () => GraphExecutor.Create(manifest, weights);

        load.Should().Throw<GraphModelException>().WithMessage("*Constant 'c'*");
    }

    [Fact]
    public void Feeds_and_outputs_are_checked_with_clear_messages()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 4);
        graph.Node("y", "Relu", ["x"]);
        var executor = graph.Build();

        executor.Invoking(e => e.RunFloat("x", new float[3], [1, 3], "y")).Should().Throw<GraphModelException>().WithMessage("*'x' expects shape [1, 4]*");
        executor.Invoking(e => e.Run(new Dictionary<string, GraphValue>(), ["y"])).Should().Throw<GraphModelException>().WithMessage("*needs a value for its input 'x'*");
        executor.Invoking(e => e.RunFloat("x", new float[4], [1, 4], "z")).Should().Throw<GraphModelException>().WithMessage("*'z'*not a node*");
        executor.Invoking(e => e.RunFloat("y", new float[4], [1, 4], "y")).Should().Throw<GraphModelException>().WithMessage("*'y' is not an input*");
    }

    [Fact]
    public void An_intermediate_output_is_not_overwritten_by_a_later_in_place_op()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 6);
        graph.Scalar("one", 1);
        graph.Node("a", "AddV2", ["x", "one"]);
        graph.Node("b", "Relu", ["a"]);
        graph.Node("c", "Mul", ["b", "b"]);
        graph.Node("d", "Sub", ["a", "c"]);
        var input = new float[] { -3, -2, -1, 0, 1, 2 };
        var outputs = graph.Build().RunAll("x", input, [6], "a", "c", "d");

        outputs[0].ToFloatArray().Should().Equal(-2, -1, 0, 1, 2, 3);
        outputs[1].ToFloatArray().Should().Equal(0, 0, 0, 1, 4, 9);
        outputs[2].ToFloatArray().Should().Equal(-2, -1, 0, 0, -2, -6);
        input.Should().Equal([-3, -2, -1, 0, 1, 2], "the caller's input is never written");
    }

    [Fact]
    public void Repeated_and_concurrent_runs_give_identical_results()
    {
        var random = new Random(11);
        var graph = new TestGraph();
        graph.Placeholder("x", 1, 16, 16, 8);
        graph.Const("f", NaiveOps.Random(random, 8 * 24), 1, 1, 8, 24);
        graph.Const("b", NaiveOps.Random(random, 24), 24);
        graph.Node("conv", "_FusedConv2D", ["x", "f", "b"], ("strides", Attr.Ints(1, 1, 1, 1)), ("padding", Attr.S("SAME")), ("fused_ops", Attr.Strings("BiasAdd", "Relu")));
        graph.Const("dw", NaiveOps.Random(random, 3 * 3 * 24), 3, 3, 24, 1);
        graph.Node("depthwise", "DepthwiseConv2dNative", ["conv", "dw"], ("strides", Attr.Ints(1, 2, 2, 1)), ("padding", Attr.S("SAME")));
        graph.Node("sum", "AddV2", ["depthwise", "depthwise"]);
        graph.Ints("axes", [1, 2], 2);
        graph.Node("mean", "Mean", ["sum", "axes"], ("keep_dims", Attr.B(false)));
        var executor = graph.Build();
        var inputs = Enumerable.Range(0, 4).Select(_ => NaiveOps.Random(random, 16 * 16 * 8)).ToArray();
        var expected = inputs.Select(i => executor.RunFloat("x", i, [1, 16, 16, 8], "mean").Values).ToArray();

        var results = new float[40][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = executor.RunFloat("x", inputs[i % 4], [1, 16, 16, 8], "mean").Values);

        for (var i = 0; i < results.Length; i++)
        {
            results[i].Should().Equal(expected[i % 4], $"run {i} used input {i % 4}");
        }
    }

    [Fact]
    public void Only_the_nodes_an_output_needs_are_run()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 2);
        graph.Placeholder("unused", 2);
        graph.Node("y", "Relu", ["x"]);
        graph.Node("z", "Relu", ["unused"]);
        var executor = graph.Build();
        var profile = new GraphRunProfile();

        using var y = executor.Run(new Dictionary<string, GraphValue> { ["x"] = GraphValue.FromFloats([-1, 1], 2) }, ["y"], profile: profile).Single();

        y.ToFloatArray().Should().Equal(0, 1);
        profile.CountByOp.Should().BeEquivalentTo(new Dictionary<string, int> { ["Relu"] = 1 });
    }

    [Fact]
    public void Cancellation_stops_a_run_between_nodes()
    {
        var graph = new TestGraph();
        graph.Placeholder("x", 2);
        graph.Node("y", "Relu", ["x"]);
        var executor = graph.Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        executor.Invoking(e => e.Run(new Dictionary<string, GraphValue> { ["x"] = GraphValue.FromFloats([1, 2], 2) }, ["y"], cancelled.Token))
            .Should().Throw<OperationCanceledException>();
    }
}
