using System.Numerics.Tensors;

namespace Glance.Inference.Nn;

/// <summary>In-place element-wise activations (SIMD through TensorPrimitives).</summary>
public static class Activations
{
    public static void Apply(Span<float> values, Activation activation)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case ActivationKind.Relu6:
                TensorPrimitives.Clamp(values, 0f, 6f, values);
                break;
            case ActivationKind.LeakyRelu:
                LeakyRelu(values, activation.Alpha);
                break;
            case ActivationKind.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, "Unknown activation.");
        }
    }

    public static void Relu(Tensor tensor) => Apply(Checked(tensor).Span, Activation.Relu);

    public static void Relu6(Tensor tensor) => Apply(Checked(tensor).Span, Activation.Relu6);

    public static void LeakyRelu(Tensor tensor, float alpha) => LeakyRelu(Checked(tensor).Span, alpha);

    public static void Sigmoid(Tensor tensor) => TensorPrimitives.Sigmoid(Checked(tensor).Span, tensor.Span);

    private static void LeakyRelu(Span<float> values, float alpha)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            values[i] = v > 0 ? v : v * alpha;
        }
    }

    private static Tensor Checked(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor;
    }
}
