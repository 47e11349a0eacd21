namespace Glance.Detection.Local.Text;

/// <summary>Refuses text settings that would only fail later, frame by frame.</summary>
public sealed class LocalTextOptionsValidator : IValidateOptions<LocalTextOptions>
{
    public const int MaxInferenceThreads = 16;

    public const int MaxRegionCacheSize = 4096;

    public ValidateOptionsResult Validate(string? name, LocalTextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!Enum.IsDefined(options.Engine))
        {
            failures.Add($"Engine must be one of {string.Join(", ", Enum.GetNames<TextEngine>())}.");
        }

        if (options.Engine == TextEngine.Tesseract && string.IsNullOrWhiteSpace(options.TesseractPath))
        {
            failures.Add("TesseractPath is required when Engine is Tesseract.");
        }

        if (string.IsNullOrWhiteSpace(options.ModelRoot) && string.IsNullOrWhiteSpace(options.PaddleOcrModelFolder))
        {
            failures.Add("ModelRoot or PaddleOcrModelFolder is required.");
        }

        if (options.InferenceThreads is < 1 or > MaxInferenceThreads)
        {
            failures.Add($"InferenceThreads must be between 1 and {MaxInferenceThreads}.");
        }

        if (options.MinRecognitionConfidence is < 0 or > 1)
        {
            failures.Add("MinRecognitionConfidence must be between 0 and 1.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Timeout must be positive.");
        }

        if (options.ProcessingHeight < 120 || options.LineHeight < 8 || options.MaxLines < 1 || options.MinCharHeight < 2 || options.MinCharsPerLine < 1)
        {
            failures.Add("ProcessingHeight (>= 120), LineHeight (>= 8), MaxLines, MinCharHeight (>= 2) and MinCharsPerLine must be positive.");
        }

        if (!double.IsFinite(options.RegionMergeScaleRatio) || options.RegionMergeScaleRatio < 1)
        {
            failures.Add($"RegionMergeScaleRatio must be at least 1 (it is {options.RegionMergeScaleRatio}): 1 merges only regions of one text height.");
        }

        if (options.MaxCharHeightFraction is <= 0 or > 1)
        {
            failures.Add("MaxCharHeightFraction must be in (0, 1].");
        }

        if (options.MinTextContrast is < 0 or > 255 || options.MinLargeTextContrast is < 0 or > 255 || options.LargeTextHeight < 1)
        {
            failures.Add("MinTextContrast and MinLargeTextContrast must be between 0 and 255 grey levels (0 reads every candidate line), LargeTextHeight positive.");
        }

        if (options.ReadCropCacheSize < 0)
        {
            failures.Add("ReadCropCacheSize cannot be negative.");
        }

        if (options.RegionCacheSize is < 0 or > MaxRegionCacheSize)
        {
            failures.Add($"RegionCacheSize must be between 0 and {MaxRegionCacheSize}: each lookup compares a region with every entry.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
