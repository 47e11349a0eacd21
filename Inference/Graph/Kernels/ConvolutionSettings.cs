namespace Glance.Inference.Graph.Kernels;

/// <summary>Strides, dilation, padding and the fused epilogue of a (depthwise) convolution node, read and checked once.</summary>
internal sealed record ConvolutionSettings(int StrideY, int StrideX, int Dilation, Padding Padding, int[]? ExplicitPadding, Activation Activation, bool HasBias)
{
    public static ConvolutionSettings Read(GraphCompileContext context, bool fused)
    {
        var node = context.Node;
        context.RequireNhwc();
        var strides = node.GetInts("strides", [1, 1, 1, 1]);
        var dilations = node.GetInts("dilations", [1, 1, 1, 1]);
        if (strides.Count != 4 || strides[0] != 1 || strides[3] != 1 || strides[1] < 1 || strides[2] < 1)
        {
            throw node.Error($"strides [{string.Join(", ", strides)}] are not supported (NHWC [1, sy, sx, 1]).");
        }

        if (dilations.Count != 4 || dilations[0] != 1 || dilations[3] != 1 || dilations[1] != dilations[2] || dilations[1] < 1)
        {
            throw node.Error($"dilations [{string.Join(", ", dilations)}] are not supported (equal height and width dilation).");
        }

        var paddingName = node.GetString("padding");
        int[]? explicitPadding = null;
        var padding = paddingName switch
        {
            "SAME" => Padding.Same,
            "VALID" => Padding.Valid,
            "EXPLICIT" => Padding.Valid,
            _ => throw node.Error($"padding '{paddingName}' is not supported."),
        };
        if (paddingName == "EXPLICIT")
        {
            var pads = node.GetInts("explicit_paddings", []);
            if (pads.Count != 8 || pads[0] != 0 || pads[1] != 0 || pads[6] != 0 || pads[7] != 0 || pads.Any(p => p < 0 || p > 1024))
            {
                throw node.Error($"explicit_paddings [{string.Join(", ", pads)}] are not supported (NHWC, spatial only).");
            }

            explicitPadding = [(int)pads[2], (int)pads[3], (int)pads[4], (int)pads[5]];
        }

        var activation = Activation.None;
        var hasBias = false;
        if (fused)
        {
            var fusedOps = node.GetStrings("fused_ops");
            if (fusedOps.Count == 0 || fusedOps[0] != "BiasAdd")
            {
                throw node.Error($"fused ops [{string.Join(", ", fusedOps)}] are not supported (BiasAdd, then an optional Relu, Relu6 or LeakyRelu).");
            }

            hasBias = true;
            activation = fusedOps.Count switch
            {
                1 => Activation.None,
                2 => fusedOps[1] switch
                {
                    "Relu" => Activation.Relu,
                    "Relu6" => Activation.Relu6,
                    "LeakyRelu" => Activation.LeakyRelu(node.GetFloat("leakyrelu_alpha", 0.2f)),
                    _ => throw node.Error($"the fused activation '{fusedOps[1]}' is not supported."),
                },
                _ => throw node.Error($"fused ops [{string.Join(", ", fusedOps)}] are not supported."),
            };
        }

        return new ConvolutionSettings((int)strides[1], (int)strides[2], (int)dilations[1], padding, explicitPadding, activation, hasBias);
    }

    public static ReadOnlySpan<float> Bias(GraphCompileContext context, bool hasBias, int channels)
    {
        if (!hasBias)
        {
            return [];
        }

        var bias = context.RequireConstant(2, "bias");
        if (!bias.IsFloat || bias.Length != channels)
        {
            throw context.Node.Error($"the bias is {bias}, expected {channels} float values.");
        }

        return bias.Floats;
    }

    /// <summary>The input, padded first when the node pads explicitly (the caller then convolves with VALID).</summary>
    public Tensor PadIfExplicit(Tensor input, out bool padded)
    {
        padded = ExplicitPadding is not null;
        return ExplicitPadding is { } p ? ShapeOps.PadSpatial(input, p[0], p[1], p[2], p[3]) : input;
    }
}
