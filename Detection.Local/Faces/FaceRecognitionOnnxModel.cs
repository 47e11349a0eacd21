using Glance.Inference.Nn;
using Glance.Inference.Onnx;
using static Glance.Inference.Onnx.OnnxGraphBuilder;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// <see cref="FaceRecognitionNet"/>'s layers as an ONNX model, built in memory from the same TF.js weights (scale layers
/// folded into the convolutions as the managed engine folds them). Input: chips NHWC [N, 150, 150, 3], any batch size;
/// output: [N, 128] descriptors. The chip side is fixed, so the down-sampling stages' shapes are known while building.
/// </summary>
internal static class FaceRecognitionOnnxModel
{
    public static byte[] Build(TfjsWeightMap weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        const int size = FaceRecognitionNet.ChipSize;
        return FaceOnnxSession.BuildModel([-1, size, size, 3], (builder, x) => Layers(builder, weights, x));
    }

    private static string Layers(OnnxGraphBuilder builder, TfjsWeightMap weights, string x)
    {
        x = FoldedConvolution(builder, weights, FaceRecognitionNet.StemPrefix, 7, 3, 32, x, stride: 2, samePadding: false, relu: true);
        x = builder.AddPooling("MaxPool", "pool", x, 3, 2);
        var side = ValidSide(ValidSide(FaceRecognitionNet.ChipSize, 7), 3);
        foreach (var (prefix, inChannels, outChannels, down) in FaceRecognitionNet.Stages)
        {
            (x, side) = Residual(builder, weights, prefix, inChannels, outChannels, down, x, side);
        }

        var average = builder.AddNode("GlobalAveragePool", "average", [x]);
        var flat = builder.AddNode("Flatten", "flat", [average], Int("axis", 1));
        var channels = FaceRecognitionNet.Stages[^1].OutChannels;
        using var projection = weights.Tensor("fc", channels, FaceRecognitionNet.DescriptorLength);
        return builder.AddNode("MatMul", "fc", [flat, builder.AddFloatConstant("fc", projection.Span, channels, FaceRecognitionNet.DescriptorLength)]);
    }

    /// <summary>The side after a 'valid' window of <paramref name="kernel"/> with stride 2.</summary>
    private static int ValidSide(int side, int kernel) => ((side - kernel) / 2) + 1;

    /// <summary>
    /// relu(x + conv2(relu(conv1(x)))); the down-sampling kind strides conv1 by 2 ('valid') and adds a 2x2 average pool
    /// of x instead, both zero-extended to the larger shape as face-api does: the convolution's output where the pool
    /// has one more row and column, the pool's channels where the stage doubles them.
    /// </summary>
    private static (string Value, int Side) Residual(OnnxGraphBuilder builder, TfjsWeightMap weights, string prefix, int inChannels, int outChannels, bool down, string x, int side)
    {
        var hidden = FoldedConvolution(builder, weights, $"{prefix}/conv1", 3, inChannels, outChannels, x, down ? 2 : 1, samePadding: !down, relu: true);
        var output = FoldedConvolution(builder, weights, $"{prefix}/conv2", 3, outChannels, outChannels, hidden, 1, samePadding: true, relu: false);
        var shortcut = x;
        if (down)
        {
            var convolvedSide = ValidSide(side, 3);
            side /= 2;
            if (convolvedSide > side)
            {
                throw new FaceModelException($"{weights.Source}: stage '{prefix}' gives {convolvedSide} px where its shortcut has {side}.");
            }

            shortcut = builder.AddPooling("AveragePool", $"{prefix}/shortcut", x, 2, 2);
            // Pads are NCHW, all the befores and then all the afters.
            if (convolvedSide < side)
            {
                var grow = side - convolvedSide;
                output = builder.AddNode("Pad", $"{prefix}/extended", [output, builder.AddInt64Constant($"{prefix}/extension", 0, 0, 0, 0, 0, 0, grow, grow)]);
            }

            if (inChannels < outChannels)
            {
                shortcut = builder.AddNode("Pad", $"{prefix}/widened", [shortcut, builder.AddInt64Constant($"{prefix}/widening", 0, 0, 0, 0, 0, outChannels - inChannels, 0, 0)]);
            }
        }

        return (builder.AddNode("Relu", prefix, [builder.AddNode("Add", $"{prefix}/sum", [output, shortcut])]), side);
    }

    private static string FoldedConvolution(OnnxGraphBuilder builder, TfjsWeightMap weights, string prefix, int kernel, int inChannels, int outChannels, string x, int stride, bool samePadding, bool relu)
    {
        var (filter, bias) = FaceRecognitionNet.FoldedFilter(weights, prefix, kernel, inChannels, outChannels);
        return builder.AddConvolution(prefix, x, filter, [kernel, kernel, inChannels, outChannels], bias, stride, samePadding, relu: relu);
    }
}
