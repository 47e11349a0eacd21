using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local;

/// <summary>The ONNX Runtime sessions the local networks built in memory at load time run on, all set up alike.</summary>
internal static class OnnxRuntimeSessions
{
    /// <param name="model">The serialized ONNX model.</param>
    /// <param name="threads">Intra-op threads for one run: frames (and faces) already run in parallel, so usually few.</param>
    public static InferenceSession Create(byte[] model, int threads)
    {
        using var options = new SessionOptions
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
        return new InferenceSession(model, options);
    }
}
