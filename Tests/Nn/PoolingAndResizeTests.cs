using Glance.Inference.Nn;

namespace Glance.Tests.Nn;

public sealed class PoolingAndResizeTests
{
    [Fact]
    public void Max_pool_same_pads_on_the_bottom_right_and_ignores_the_padding()
    {
        // 3x3 single channel, 2x2 stride 2 'same': output 2x2; the last row/column windows are partial.
        float[] values = [-1, -2, -3, -4, -5, -6, -7, -8, -9];

        using var y = Pooling.MaxPool(Tensor.FromArray(values, 1, 3, 3, 1), 2, 2, Padding.Same);

        y.Shape.Should().Equal(1, 2, 2, 1);
        y.ToArray().Should().Equal(-1, -3, -7, -9);
    }

    [Fact]
    public void Max_pool_stride_one_same_keeps_the_size()
    {
        float[] values = [1, 5, 2, 0, 3, 4, 9, 1, 1];

        using var y = Pooling.MaxPool(Tensor.FromArray(values, 1, 3, 3, 1), 2, 1, Padding.Same);

        y.ToArray().Should().Equal(5, 5, 4, 9, 4, 4, 9, 1, 1);
    }

    [Fact]
    public void Average_pool_counts_only_real_elements()
    {
        float[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        using var valid = Pooling.AvgPool(Tensor.FromArray(values, 1, 3, 3, 1), 2, 2, Padding.Valid);
        using var same = Pooling.AvgPool(Tensor.FromArray(values, 1, 3, 3, 1), 2, 2, Padding.Same);

        valid.ToArray().Should().Equal(3f);
        same.ToArray().Should().Equal(3f, 4.5f, 7.5f, 9f);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(16)]
    public void Pooling_is_per_channel(int channels)
    {
        var random = new Random(2);
        var values = NaiveOps.Random(random, 5 * 5 * channels);

        using var y = Pooling.MaxPool(Tensor.FromArray(values, 1, 5, 5, channels), 2, 2, Padding.Same);

        y.Shape.Should().Equal(1, 3, 3, channels);
        for (var oy = 0; oy < 3; oy++)
        for (var ox = 0; ox < 3; ox++)
        for (var c = 0; c < channels; c++)
        {
            var taps = from iy in new[] { 2 * oy, (2 * oy) + 1 } from ix in new[] { 2 * ox, (2 * ox) + 1 } where iy < 5 && ix < 5 select values[(((iy * 5) + ix) * channels) + c];
            y.Span[(((oy * 3) + ox) * channels) + c].Should().Be(taps.Max());
        }
    }

    [Fact]
    public void Global_average_pool_is_the_spatial_mean()
    {
        float[] values = [1, 10, 2, 20, 3, 30, 4, 40];

        using var y = Pooling.GlobalAverage(Tensor.FromArray(values, 1, 2, 2, 2));

        y.Shape.Should().Equal(1, 2);
        y.ToArray().Should().Equal(2.5f, 25f);
    }

    [Fact]
    public void Resize_bilinear_follows_tensorflow_without_half_pixel_centers()
    {
        // 1x2 -> 1x4: source x = 0, 0.5, 1, 1.5 (clamped to the last pixel).
        using var y = ResizeBilinear.Apply(Tensor.FromArray([0f, 10f], 1, 1, 2, 1), 1, 4);

        y.ToArray().Should().Equal(0f, 5f, 10f, 10f);
    }

    [Fact]
    public void Resize_bilinear_align_corners_and_half_pixel_centers()
    {
        using var aligned = ResizeBilinear.Apply(Tensor.FromArray([0f, 10f], 1, 1, 2, 1), 1, 3, alignCorners: true);
        using var half = ResizeBilinear.Apply(Tensor.FromArray([0f, 10f], 1, 1, 2, 1), 1, 4, halfPixelCenters: true);

        aligned.ToArray().Should().Equal(0f, 5f, 10f);
        half.ToArray().Should().Equal(0f, 2.5f, 7.5f, 10f);
    }

    [Fact]
    public void Fully_connected_is_a_matrix_product_plus_bias()
    {
        float[] x = [1, 2, 3, 4, 5, 6];
        float[] w = [1, 0, 0, 1, 1, 1];

        using var y = FullyConnected.Apply(Tensor.FromArray(x, 2, 3), FullyConnected.Pack(Tensor.FromArray(w, 3, 2), [0.5f, -0.5f]));

        y.Shape.Should().Equal(2, 2);
        y.ToArray().Should().Equal(4.5f, 4.5f, 10.5f, 10.5f);
    }

    [Fact]
    public void Concat_and_pad_place_values_where_expected()
    {
        using var a = Tensor.FromArray([1f, 2f], 1, 1, 2, 1);
        using var b = Tensor.FromArray([3f, 4f, 5f, 6f], 1, 1, 2, 2);

        using var joined = ShapeOps.ConcatChannels(a, b);
        using var padded = ShapeOps.PadSpatial(a, 1, 0, 0, 1);

        joined.ToArray().Should().Equal(1f, 3f, 4f, 2f, 5f, 6f);
        padded.Shape.Should().Equal(1, 2, 3, 1);
        padded.ToArray().Should().Equal(0f, 0f, 0f, 1f, 2f, 0f);
    }

    [Fact]
    public void Elementwise_operations_and_activations()
    {
        using var a = Tensor.FromArray([-2f, -0.5f, 3f, 8f], 1, 1, 2, 2).Clone();
        using var b = Tensor.FromArray([1f, 1f, 1f, 1f], 1, 1, 2, 2);

        Elementwise.AddInPlace(a, b);
        a.ToArray().Should().Equal(-1f, 0.5f, 4f, 9f);
        Elementwise.ChannelAffine(a, [2f, 1f], [0f, 1f]);
        a.ToArray().Should().Equal(-2f, 1.5f, 8f, 10f);
        Activations.Relu6(a);
        a.ToArray().Should().Equal(0f, 1.5f, 6f, 6f);
        using var leaky = Tensor.FromArray([-10f, 10f], 2).Clone();
        Activations.LeakyRelu(leaky, 0.1f);
        leaky.ToArray().Should().Equal(-1f, 10f);
    }
}
