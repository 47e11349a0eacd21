using System.Globalization;
using Glance.Media.Assets;
using Glance.Media.Images;
using Glance.Media.Processes;

namespace Glance.Demo.Channel;

/// <summary>
/// Renders the channel's still pictures with ffmpeg, in memory: the presenter's photo cropped from the face-api demo
/// photo, and the "GTV SPORTS" station logo drawn on a coloured plate; then both at their on-air sizes.
/// </summary>
public static class DemoAssetRenderer
{
    /// <summary>The logo template's size, in pixels of a 720-line frame.</summary>
    public const int LogoWidth = 150;
    public const int LogoHeight = 60;

    private const string SetupHint = "run scripts/setup, which installs it";

    /// <exception cref="DemoChannelException">The photo or the font is missing, or ffmpeg cannot render a picture.</exception>
    /// <exception cref="ToolNotFoundException">ffmpeg is not installed.</exception>
    public static async Task<DemoAssets> RenderAsync(SyntheticChannelOptions options, string? contentRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var photoPath = ResolveFacePhoto(options.FacePhotoPath, contentRoot);
        var font = CheckedFontName(options.FontFile);
        if (!File.Exists(font))
        {
            throw new DemoChannelException($"The font '{font}' was not found. It comes from the Debian package fonts-dejavu-core: {SetupHint}.");
        }

        var photoFilter = options.FaceCrop is { } crop
            ? string.Create(CultureInfo.InvariantCulture, $"crop={crop.Width}:{crop.Height}:{crop.X}:{crop.Y}")
            : "null";
        var photo = await RenderPngAsync(options, ["-i", photoPath, "-vf", photoFilter], null, "the presenter's photo", cancellationToken).ConfigureAwait(false);
        var (photoWidth, photoHeight) = ImageHeader.Read(photo) is { Format: "PNG" } header
            ? (header.Width, header.Height)
            : throw new DemoChannelException("ffmpeg did not produce a PNG picture of the presenter.");
        if (options.FaceCrop is { } wanted && (photoWidth != wanted.Width || photoHeight != wanted.Height))
        {
            throw new DemoChannelException($"The face crop {wanted.Width}x{wanted.Height} at ({wanted.X},{wanted.Y}) does not fit in {photoPath}.");
        }

        var logo = await RenderPngAsync(options, ["-f", "lavfi", "-i", LogoGraph(font)], null, "the station logo", cancellationToken).ConfigureAwait(false);
        var layout = DemoLayout.Create(options.Width, options.Height, LogoWidth, LogoHeight, photoWidth, photoHeight);

        var presenterOnAir = await ScaleAsync(options, photo, layout.Presenter, "the presenter's photo", cancellationToken).ConfigureAwait(false);
        var logoOnAir = layout.Logo.Width == LogoWidth && layout.Logo.Height == LogoHeight
            ? logo
            : await ScaleAsync(options, logo, layout.Logo, "the station logo", cancellationToken).ConfigureAwait(false);

        var gallery = new DemoGallery(
            new DemoPerson(DemoGallery.PresenterId, DemoGallery.PresenterName, photo, $"{Path.GetFileName(photoPath)} from @vladmandic/face-api's demo photos, cropped to one face"),
            new DemoLogo(DemoGallery.LogoId, DemoGallery.LogoName, logo, LogoWidth, LogoHeight),
            DemoGallery.DefaultTeams,
            DemoGallery.DefaultScoreboardText);
        return new DemoAssets(gallery, layout, presenterOnAir, logoOnAir);
    }

    /// <summary>The face photo's full path; relative paths are tried from the content root, the working folder, then the folders above the application.</summary>
    public static string ResolveFacePhoto(string configured, string? contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configured);
        return InstalledAssetSearch.FindFirst(configured, contentRoot, File.Exists) is { } found
            ? found
            : throw new DemoChannelException(
                $"The demo channel's face photo '{configured}' was not found. It comes from the npm package @vladmandic/face-api: {SetupHint} " +
                $"(or set {SyntheticChannelOptions.SectionName}:{nameof(SyntheticChannelOptions.FacePhotoPath)}).");
    }

    /// <summary>The drawtext font path, checked to need no escaping inside a filter graph.</summary>
    internal static string CheckedFontName(string fontFile)
    {
        if (string.IsNullOrWhiteSpace(fontFile) || fontFile.IndexOfAny([':', '\'', '\\', ',', ';', '[', ']', '=']) >= 0)
        {
            throw new DemoChannelException($"The font path '{fontFile}' must not contain : ' \\ , ; [ ] or = (it goes into an ffmpeg filter graph).");
        }

        return fontFile;
    }

    /// <summary>The same design as the logo tests' "GTV SPORTS" bug, which the logo matcher is measured on.</summary>
    private static string LogoGraph(string font) => string.Create(
        CultureInfo.InvariantCulture,
        $"color=c=0x1a3c8c:s={LogoWidth}x{LogoHeight},drawbox=x=0:y=44:w={LogoWidth}:h=16:color=0xf0c020:t=fill,"
        + $"drawtext=fontfile={font}:text='GTV':x=12:y=6:fontsize=34:fontcolor=white,"
        + $"drawtext=fontfile={font}:text='SPORTS':x=40:y=45:fontsize=12:fontcolor=black");

    private static Task<byte[]> ScaleAsync(SyntheticChannelOptions options, byte[] png, ScreenRect size, string what, CancellationToken cancellationToken) =>
        RenderPngAsync(
            options,
            ["-f", "png_pipe", "-i", "pipe:0", "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={size.Width}:{size.Height}:flags=lanczos")],
            png,
            what,
            cancellationToken);

    private static async Task<byte[]> RenderPngAsync(SyntheticChannelOptions options, IReadOnlyList<string> input, byte[]? standardInput, string what, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-hide_banner", "-nostdin", "-loglevel", "error"];
        arguments.AddRange(input);
        arguments.AddRange(["-frames:v", "1", "-pix_fmt", "rgb24", "-f", "image2pipe", "-c:v", "png", "pipe:1"]);
        var request = new ChildProcessRequest(options.FfmpegPath, arguments)
        {
            StandardInput = standardInput,
            Timeout = options.AssetTimeout,
            MaxBufferedOutputBytes = 16L * 1024 * 1024,
        };
        var result = await ChildProcess.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.StandardOutput.Length == 0)
        {
            var reason = result.StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new DemoChannelException($"ffmpeg could not render {what} (exit code {result.ExitCode}){(reason is null ? "." : $": {reason}")}");
        }

        return result.StandardOutput;
    }
}
