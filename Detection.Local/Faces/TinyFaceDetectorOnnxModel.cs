using Glance.Inference.Nn;
using Glance.Inference.Onnx;
using static Glance.Inference.Onnx.OnnxGraphBuilder;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// <see cref="TinyFaceDetector"/>'s layers as an ONNX model, built in memory from the same TF.js weights. The input's
/// side is left free (NHWC [1, S, S, 3]: the whole-image pass and the small-face tiles use different sizes, and one
/// session serves both); the head's output is transposed back to NHWC [1, S/32, S/32, 25], the layout the decoder reads.
/// </summary>
internal static class TinyFaceDetectorOnnxModel
{
    public static byte[] Build(TfjsWeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return FaceOnnxSession.BuildModel([1, -1, -1, 3], (builder, x) => Layers(builder, weights, x));
    }

    private static string Layers(OnnxGraphBuilder builder, TfjsWeightMap weights, string x)
    {
        var channels = TinyFaceDetector.Channels;
        using (var filter = weights.Tensor("conv0/filters", 3, 3, 3, channels[0]))
        {
            x = Leaky(builder, "conv0", builder.AddConvolution("conv0/linear", x, filter.Span, filter.Shape, weights.Floats("conv0/bias", channels[0]), 1, samePadding: false));
        }

        for (var i = 1; i < channels.Length; i++)
        {
            var (inChannels, outChannels) = (channels[i - 1], channels[i]);
            x = MaxPool(builder, $"pool{i}", x, stride: 2);
            using var depthwise = weights.Tensor($"conv{i}/depthwise_filter", 3, 3, inChannels, 1);
            using var pointwise = weights.Tensor($"conv{i}/pointwise_filter", 1, 1, inChannels, outChannels);
            var spatial = builder.AddConvolution($"conv{i}/depthwise", x, depthwise.Span, depthwise.Shape, [], 1, samePadding: true, depthwise: true);
            x = Leaky(builder, $"conv{i}", builder.AddConvolution($"conv{i}/linear", spatial, pointwise.Span, pointwise.Shape, weights.Floats($"conv{i}/bias", outChannels), 1, samePadding: false));
        }

        x = MaxPool(builder, "pool_last", x, stride: 1);
        const int outputs = TinyFaceDetector.HeadChannels;
        using var head = weights.Tensor("conv8/filters", 1, 1, channels[^1], outputs);
        var nchw = builder.AddConvolution("conv8", x, head.Span, head.Shape, weights.Floats("conv8/bias", outputs), 1, samePadding: false);
        return builder.AddNode("Transpose", "nhwc", [nchw], Ints("perm", 0, 2, 3, 1));
    }

    /// <summary>TF's 2x2 max pool with SAME padding: the odd row and column at the end, never counted toward the max.</summary>
    private static string MaxPool(OnnxGraphBuilder builder, string output, string input, int stride) =>
        builder.AddNode("MaxPool", output, [input], Ints("kernel_shape", 2, 2), Ints("strides", stride, stride), OnnxGraphBuilder.Text("auto_pad", "SAME_UPPER"));

    private static string Leaky(OnnxGraphBuilder builder, string output, string input) =>
        builder.AddNode("LeakyRelu", output, [input], Float("alpha", TinyFaceDetector.LeakyAlpha));
}
