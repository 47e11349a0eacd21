using Glance.Inference.Nn;

namespace Glance.Tests.Nn;

public sealed class ConvolutionTests
{
    [Theory]
    [InlineData(1, 9, 11, 3, 3, 3, 16, 1, 1, true, 1)]
    [InlineData(1, 9, 11, 3, 3, 3, 16, 2, 2, true, 1)]
    [InlineData(2, 10, 7, 5, 3, 3, 21, 1, 1, false, 1)]
    [InlineData(1, 15, 15, 3, 7, 7, 32, 2, 2, false, 1)]
    [InlineData(1, 13, 13, 40, 1, 1, 25, 1, 1, false, 1)]
    [InlineData(1, 12, 12, 8, 3, 3, 35, 1, 2, true, 2)]
    [InlineData(1, 6, 6, 300, 3, 3, 33, 1, 1, true, 1)]
    [InlineData(1, 40, 40, 24, 3, 3, 48, 1, 1, true, 1)]
    [InlineData(3, 9, 9, 8, 3, 3, 24, 2, 2, true, 1)]
    [InlineData(2, 5, 5, 16, 1, 1, 20, 1, 1, false, 1)]
    [InlineData(2, 30, 30, 16, 3, 3, 32, 1, 1, true, 1)]
    public void Conv2D_matches_the_naive_definition(int n, int h, int w, int c, int kh, int kw, int outC, int sy, int sx, bool same, int dilation)
    {
        var random = new Random(h * 31 + c);
        var input = NaiveOps.Random(random, n * h * w * c);
        var filter = NaiveOps.Random(random, kh * kw * c * outC, 0.3f);
        var bias = NaiveOps.Random(random, outC);
        var expected = NaiveOps.Conv2D(input, n, h, w, c, filter, kh, kw, outC, bias, sy, sx, same, dilation, out var oh, out var ow);

        using var x = Tensor.FromArray(input, n, h, w, c).Clone();
        var weights = ConvWeights.Create(filter, kh, kw, c, outC, bias);
        using var y = Conv2D.Apply(x, weights, sy, sx, same ? Padding.Same : Padding.Valid, Activation.None, dilation);

        y.Shape.Should().Equal(n, oh, ow, outC);
        NaiveOps.ShouldBeClose(y.Span, expected, 1e-4f);
    }

    [Theory]
    [InlineData(ActivationKind.Relu)]
    [InlineData(ActivationKind.Relu6)]
    [InlineData(ActivationKind.LeakyRelu)]
    public void Fused_activations_match_applying_them_afterwards(ActivationKind kind)
    {
        var random = new Random(7);
        var input = NaiveOps.Random(random, 8 * 8 * 4, 4);
        var filter = NaiveOps.Random(random, 3 * 3 * 4 * 20, 2);
        var activation = new Activation(kind, 0.1f);
        var raw = NaiveOps.Conv2D(input, 1, 8, 8, 4, filter, 3, 3, 20, [], 1, 1, true, 1, out _, out _);
        var expected = raw.Select(activation.Apply).ToArray();

        using var y = Conv2D.Apply(Tensor.FromArray(input, 1, 8, 8, 4), ConvWeights.Create(filter, 3, 3, 4, 20, []), 1, Padding.Same, activation);

        raw.Should().Contain(v => v < 0, "the case must exercise the activation's lower bound").And.Contain(v => v > 6, "and the upper one");
        NaiveOps.ShouldBeClose(y.Span, expected, 1e-4f);
    }

    [Theory]
    [InlineData(9, 9, 16, 1, 1, true)]
    [InlineData(10, 7, 32, 1, 2, true)]
    [InlineData(11, 11, 5, 1, 1, false)]
    [InlineData(8, 8, 4, 2, 1, true)]
    [InlineData(5, 5, 3, 3, 2, false)]
    public void Depthwise_matches_the_naive_definition(int h, int w, int c, int multiplier, int stride, bool same)
    {
        var random = new Random(h + c);
        var input = NaiveOps.Random(random, h * w * c);
        var filter = NaiveOps.Random(random, 3 * 3 * c * multiplier);
        var bias = NaiveOps.Random(random, c * multiplier);
        var expected = NaiveOps.Depthwise(input, h, w, c, filter, 3, 3, multiplier, bias, stride, same, out var oh, out var ow);

        var weights = DepthwiseWeights.Create(Tensor.FromArray(filter, 3, 3, c, multiplier), bias);
        using var y = DepthwiseConv2D.Apply(Tensor.FromArray(input, 1, h, w, c), weights, stride, same ? Padding.Same : Padding.Valid);

        y.Shape.Should().Equal(1, oh, ow, c * multiplier);
        NaiveOps.ShouldBeClose(y.Span, expected, 1e-5f);
    }

    [Fact]
    public void Depthwise_runs_in_parallel_on_large_maps_with_the_same_result()
    {
        var random = new Random(3);
        const int h = 120, w = 100, c = 32;
        var input = NaiveOps.Random(random, h * w * c);
        var filter = NaiveOps.Random(random, 3 * 3 * c);
        var expected = NaiveOps.Depthwise(input, h, w, c, filter, 3, 3, 1, [], 1, true, out _, out _);

        using var y = DepthwiseConv2D.Apply(Tensor.FromArray(input, 1, h, w, c), DepthwiseWeights.Create(Tensor.FromArray(filter, 3, 3, c, 1), []), 1, Padding.Same);

        NaiveOps.ShouldBeClose(y.Span, expected, 1e-5f);
    }

    [Fact]
    public void Gemm_handles_every_edge_of_its_tiles()
    {
        var random = new Random(11);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (3, 5, 17), (4, 16, 16), (7, 300, 33), (13, 257, 48), (64, 513, 8) })
        {
            var a = NaiveOps.Random(random, m * k);
            var b = NaiveOps.Random(random, k * n);
            var bias = NaiveOps.Random(random, n);
            var expected = new float[m * n];
            for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = bias[j];
                for (var kk = 0; kk < k; kk++)
                {
                    sum += a[(i * k) + kk] * b[(kk * n) + j];
                }

                expected[(i * n) + j] = (float)sum;
            }

            var c = new float[m * n];
            Gemm.Multiply(a, m, k, PackedMatrix.Pack(b, k, n, bias), Activation.None, c, n);

            NaiveOps.ShouldBeClose(c, expected, 1e-4f);
        }
    }

    [Fact]
    public void Conv2D_refuses_a_channel_mismatch_with_a_shape_error()
    {
        using var x = Tensor.Rent(1, 4, 4, 3);
        var weights = ConvWeights.Create(new float[3 * 3 * 4 * 8], 3, 3, 4, 8, []);

        var act = () => Conv2D.Apply(x, weights, 1, Padding.Same);

        act.Should().Throw<NnShapeException>().WithMessage("*[N, H, W, 4]*");
    }

    [Fact]
    public void Folding_a_batch_norm_gives_the_same_output_as_applying_it()
    {
        var random = new Random(5);
        var input = NaiveOps.Random(random, 6 * 6 * 3);
        var filter = NaiveOps.Random(random, 3 * 3 * 3 * 4);
        var bias = NaiveOps.Random(random, 4);
        float[] gamma = [1.5f, 0.5f, -1f, 2f], beta = [0.1f, -0.2f, 0.3f, 0f], mean = [0.2f, -0.1f, 0f, 1f], variance = [1f, 0.25f, 4f, 0.5f];
        var raw = NaiveOps.Conv2D(input, 1, 6, 6, 3, filter, 3, 3, 4, bias, 1, 1, true, 1, out _, out _);
        var expected = raw.Select((v, i) => ((v - mean[i % 4]) / MathF.Sqrt(variance[i % 4] + 1e-3f) * gamma[i % 4]) + beta[i % 4]).ToArray();

        var (foldedFilter, foldedBias) = BatchNormFolding.FoldBatchNorm(filter, bias, gamma, beta, mean, variance, 1e-3f);
        using var y = Conv2D.Apply(Tensor.FromArray(input, 1, 6, 6, 3), ConvWeights.Create(foldedFilter, 3, 3, 3, 4, foldedBias), 1, Padding.Same);

        NaiveOps.ShouldBeClose(y.Span, expected, 1e-4f);
    }
}
