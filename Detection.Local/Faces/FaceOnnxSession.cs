using Glance.Inference.Nn;
using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// A face-api network converted to ONNX (one NHWC input named <see cref="InputName"/>, one output named
/// <see cref="OutputName"/>) on ONNX Runtime. Thread-safe: a session serves concurrent runs.
/// </summary>
internal sealed class FaceOnnxSession : IDisposable
{
    public const string InputName = "input";
    public const string OutputName = "output";

    private static readonly string[] InputNames = [InputName];
    private static readonly string[] OutputNames = [OutputName];

    private readonly InferenceSession session;

    /// <param name="threads">Intra-op threads for one run (<see cref="LocalModelOptions.FaceInferenceThreads"/>).</param>
    public FaceOnnxSession(byte[] model, int threads)
    {
        try
        {
            session = OnnxRuntimeSessions.Create(model, threads);
        }
        catch (OnnxRuntimeException error)
        {
            throw new FaceModelException(
                $"ONNX Runtime refused a face network converted from its TF.js weights ({error.Message}); set " +
                $"{LocalModelOptions.SectionName}:{nameof(LocalModelOptions.Engine)} to {nameof(FaceEngine.Managed)} to use the C# engine.", error);
        }
    }

    /// <summary>The output, flat, for <paramref name="input"/> (NHWC, its batch as the model allows).</summary>
    public float[] Run(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = Array.ConvertAll(input.Shape, d => (long)d);
        using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.Buffer.AsMemory(0, input.Length), shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [value], OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => session.Dispose();
}
