using Glance.Inference.Nn;

namespace Glance.Detection.Local.Faces;

/// <summary>The three face-api networks, loaded once from the model folder and shared (they are immutable).</summary>
public sealed class FaceModels
{
    private FaceModels(TinyFaceDetector detector, FaceLandmark68Net landmarks, FaceRecognitionNet recognition)
    {
        Detector = detector;
        Landmarks = landmarks;
        Recognition = recognition;
    }

    public TinyFaceDetector Detector { get; }

    public FaceLandmark68Net Landmarks { get; }

    public FaceRecognitionNet Recognition { get; }

    /// <summary>Loads the networks from a face-api model folder; <see cref="FaceModelException"/> names scripts/setup when anything is missing or unreadable.</summary>
    public static FaceModels Load(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        try
        {
            return new FaceModels(
                new TinyFaceDetector(LoadWeights(modelFolder, "tiny_face_detector_model")),
                new FaceLandmark68Net(LoadWeights(modelFolder, "face_landmark_68_model")),
                new FaceRecognitionNet(LoadWeights(modelFolder, "face_recognition_model")));
        }
        catch (TfjsWeightsException error)
        {
            throw new FaceModelException($"The face models in '{modelFolder}' cannot be used: {error.Message} Reinstall them with scripts/setup.", error);
        }
    }

    public static FaceModels Load(LocalModelOptions options, string? contentRoot) => Load(FaceModelLocator.ResolveFaceApiFolder(options, contentRoot));

    private static TfjsWeightMap LoadWeights(string folder, string model) =>
        TfjsWeightsLoader.Load(Path.Combine(folder, $"{model}-weights_manifest.json")).Weights;
}
