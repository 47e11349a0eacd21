using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local;

/// <summary>
/// An ONNX model the local family builds in memory at load time (from TF.js weights), on ONNX Runtime: one float
/// input, named outputs, every session set up alike. Thread-safe: a session serves concurrent runs.
/// </summary>
internal sealed class OnnxModelSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="threads">Intra-op threads for one run: frames (and faces) already run in parallel, so usually few.</param>
    public OnnxModelSession(byte[] model, int threads, string input, IReadOnlyList<string> outputs)
    {
        inputNames = [input];
        outputNames = [.. outputs];
        using var options = Options(threads);
        session = new InferenceSession(model, options);
    }

    /// <summary>
    /// How every ONNX Runtime session of the local family is set up (these, BlazeFace's and PP-OCRv4's): a few intra-op
    /// threads for one run, no inter-op parallelism, every graph optimization, errors only in the log. The caller
    /// disposes the options once the session is made.
    /// </summary>
    /// <param name="threads">Intra-op threads for one run: frames (and faces) already run in parallel, so usually few.</param>
    public static SessionOptions Options(int threads)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Frames run concurrently on few cores: a pool thread spinning for its next task would take a core another
        // frame's inference (or the managed engine's) needs. Measured: spinning halved throughput with 2 frames in flight.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// <summary>The outputs, in the order given at load; the caller disposes them. A cancelled run stops between ops.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(Memory<float> input, long[] shape, CancellationToken cancellationToken = default)
    {
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        using var runOptions = new RunOptions();
        using var cancellation = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            return session.Run(runOptions, inputNames, [inputValue], outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public void Dispose() => session.Dispose();
}
