using System.Globalization;
using System.Text;
using Glance.Media.Processes;
namespace Glance.Detection.Local.Text;

/// <summary>
/// Runs the tesseract command line on one grey picture passed through stdin as PGM (Leptonica reads it from memory;
/// no temporary files) and returns the words of its TSV output.
/// </summary>
public sealed class TesseractEngine(IOptions<LocalTextOptions> options)
{
    /// <summary>
    /// Tesseract's OpenMP threads only add contention when frames are already read in parallel, one per core.
    /// </summary>
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["OMP_THREAD_LIMIT"] = "1" };

    private readonly LocalTextOptions options = options.Value;

    /// <param name="pageSegmentationMode">Tesseract's --psm: 6 reads a block of lines, 7 one line, 11 sparse text.</param>
    public async Task<IReadOnlyList<TesseractWord>> ReadAsync(GreyImage image, int pageSegmentationMode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        string[] arguments =
        [
            "stdin", "stdout",
            "-l", options.Language,
            "--psm", pageSegmentationMode.ToString(CultureInfo.InvariantCulture),

            // The lines are already polarity-normalized and scaled: no inverted retry, no resolution guess.
            "--dpi", "300",
            "-c", "tessedit_do_invert=0",
            "tsv",
        ];
        var request = new ChildProcessRequest(options.TesseractPath, arguments)
        {
            StandardInput = Pgm.Encode(image),
            Timeout = options.Timeout,
            MaxBufferedOutputBytes = 4 * 1024 * 1024,
            Environment = Environment,
        };
        var result = await ChildProcess.RunCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        return TesseractTsv.Parse(Encoding.UTF8.GetString(result.StandardOutput));
    }
}
