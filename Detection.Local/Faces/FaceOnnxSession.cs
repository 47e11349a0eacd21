using Glance.Inference.Nn;
using Glance.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// A face-api network converted to ONNX at load time: one NHWC input (the tensor the managed engine is fed), its
/// layers in NCHW (ONNX Runtime's native layout), one output. Thread-safe: a session serves concurrent runs.
/// </summary>
internal sealed class FaceOnnxSession : IDisposable
{
    private const string InputName = "input";
    private const string OutputName = "output";

    private readonly OnnxModelSession session;

    /// <param name="threads">Intra-op threads for one run (<see cref="LocalModelOptions.FaceInferenceThreads"/>).</param>
    public FaceOnnxSession(byte[] model, int threads)
    {
        try
        {
            session = new OnnxModelSession(model, threads, InputName, [OutputName]);
        }
        catch (OnnxRuntimeException error)
        {
            throw new FaceModelException(
                $"ONNX Runtime refused a face network converted from its TF.js weights ({error.Message}); set " +
                $"{LocalModelOptions.SectionName}:{nameof(LocalModelOptions.Engine)} to {nameof(FaceEngine.Managed)} to use the C# engine.", error);
        }
    }

    /// <summary>
    /// A model whose NHWC input of <paramref name="inputShape"/> (a negative batch: any size) is transposed once to
    /// NCHW and handed to <paramref name="layers"/>, which adds the network and answers the value to output.
    /// </summary>
    public static byte[] BuildModel(int[] inputShape, Func<OnnxGraphBuilder, string, string> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var builder = new OnnxGraphBuilder();
        builder.AddFloatInput(InputName, inputShape);
        builder.ReserveName(OutputName);
        var nchw = builder.AddNode("Transpose", "nchw", [InputName], OnnxGraphBuilder.Ints("perm", 0, 3, 1, 2));
        builder.AddNodeNamed("Identity", OutputName, [layers(builder, nchw)]);
        builder.AddFloatOutput(OutputName);
        return builder.ToModelBytes();
    }

    /// <summary>The output, flat, for <paramref name="input"/> (NHWC, its batch as the model allows).</summary>
    public float[] Run(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var outputs = session.Run(input.Buffer.AsMemory(0, input.Length), Array.ConvertAll(input.Shape, d => (long)d));
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => session.Dispose();
}
