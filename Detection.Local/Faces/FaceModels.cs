using Glance.Inference.Nn;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// The three face-api networks, loaded once from the model folder and shared (they are immutable), each on the chosen
/// <see cref="FaceEngine"/>, and BlazeFace when the options choose it as the face box
/// detector.
/// </summary>
public sealed class FaceModels : IDisposable
{
    private FaceModels(TinyFaceDetector detector, FaceLandmark68Net landmarks, FaceRecognitionNet recognition, BlazeFaceNetwork? blazeFace)
    {
        Detector = detector;
        Landmarks = landmarks;
        Recognition = recognition;
        BlazeFace = blazeFace;
    }

    public TinyFaceDetector Detector { get; }

    public FaceLandmark68Net Landmarks { get; }

    public FaceRecognitionNet Recognition { get; }

    /// <summary>BlazeFace, when loaded (<see cref="LocalModelOptions.FaceDetector"/> is <see cref="FaceDetectorKind.BlazeFace"/>).</summary>
    public BlazeFaceNetwork? BlazeFace { get; }

    /// <summary>Loads the networks from a face-api model folder; <see cref="FaceModelException"/> names scripts/setup when anything is missing or unreadable.</summary>
    /// <param name="engine">What runs the three face-api networks.</param>
    /// <param name="threads">ONNX Runtime's intra-op threads for one run of any of them.</param>
    public static FaceModels Load(string modelFolder, BlazeFaceNetwork? blazeFace = null, FaceEngine engine = FaceEngine.OnnxRuntime, int threads = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        if (!Enum.IsDefined(engine))
        {
            throw new FaceModelException($"{LocalModelOptions.SectionName}:{nameof(LocalModelOptions.Engine)} must be one of {string.Join(", ", Enum.GetNames<FaceEngine>())}.");
        }

        TinyFaceDetector? detector = null;
        FaceLandmark68Net? landmarks = null;
        try
        {
            detector = new TinyFaceDetector(LoadWeights(modelFolder, "tiny_face_detector_model"), engine, threads);
            landmarks = new FaceLandmark68Net(LoadWeights(modelFolder, "face_landmark_68_model"), engine, threads);
            return new FaceModels(
                detector,
                landmarks,
                new FaceRecognitionNet(LoadWeights(modelFolder, "face_recognition_model"), engine, threads),
                blazeFace);
        }
        catch (TfjsWeightsException error)
        {
            detector?.Dispose();
            landmarks?.Dispose();
            throw new FaceModelException($"The face models in '{modelFolder}' cannot be used: {error.Message} Reinstall them with scripts/setup.", error);
        }
        catch
        {
            detector?.Dispose();
            landmarks?.Dispose();
            throw;
        }
    }

    public static FaceModels Load(LocalModelOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = FaceModelLocator.ResolveFaceApiFolder(options, contentRoot);
        var blazeFace = options.FaceDetector == FaceDetectorKind.BlazeFace ? BlazeFaceNetwork.Load(options, contentRoot) : null;
        try
        {
            return Load(folder, blazeFace, options.Engine, options.FaceInferenceThreads);
        }
        catch
        {
            blazeFace?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Detector.Dispose();
        Landmarks.Dispose();
        Recognition.Dispose();
        BlazeFace?.Dispose();
    }

    private static TfjsWeightMap LoadWeights(string folder, string model) =>
        TfjsWeightsLoader.Load(Path.Combine(folder, $"{model}-weights_manifest.json")).Weights;
}
