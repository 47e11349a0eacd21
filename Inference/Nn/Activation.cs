namespace Glance.Inference.Nn;

public enum ActivationKind
{
    None,
    Relu,
    Relu6,
    LeakyRelu,
}

/// <summary>An element-wise activation, fused into the convolution kernels' stores where possible.</summary>
public readonly record struct Activation(ActivationKind Kind, float Alpha = 0f)
{
    public static Activation None => default;

    public static Activation Relu => new(ActivationKind.Relu);

    public static Activation Relu6 => new(ActivationKind.Relu6);

    public static Activation LeakyRelu(float alpha) => new(ActivationKind.LeakyRelu, alpha);

    public float Apply(float value) => Kind switch
    {
        ActivationKind.Relu => value > 0 ? value : 0,
        ActivationKind.Relu6 => value > 0 ? (value < 6 ? value : 6) : 0,
        ActivationKind.LeakyRelu => value > 0 ? value : value * Alpha,
        _ => value,
    };
}
