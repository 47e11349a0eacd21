using Glance.Media.Frames;
using Glance.Media.Processes;

namespace Glance.Benchmarks.Detection;

/// <param name="Lines">The text drawn, line by line, as a viewer would read it.</param>
/// <param name="Teams">The team names and abbreviations drawn (each must be read as a word of its own).</param>
internal sealed record LabelledFrame(string Name, RgbImage Image, IReadOnlyList<string> Lines, IReadOnlyList<string> Teams);

/// <summary>
/// The labelled broadcast-style frames the OCR benchmark reads: scoreboards, lower thirds, tickers and score bugs in
/// several fonts, sizes and colours, drawn by ffmpeg over real photographs (opencv-doc), plus frames with no text
/// (photographs, a street clip) and real pictures of text. Deterministic: the same frames on every run.
/// </summary>
internal static class OcrFrameSet
{
    public const int Width = 1280;
    public const int Height = 720;

    private const string Data = "/usr/share/doc/opencv-doc/examples/data";
    private const string Fonts = "/usr/share/fonts/truetype/dejavu";

    private static readonly (string Name, string Abbreviation)[] Teams =
    [
        ("Porto", "POR"), ("Santos", "SAN"), ("Benfica", "BEN"), ("Arsenal", "ARS"), ("Chelsea", "CHE"), ("Celtic", "CEL"),
        ("Napoli", "NAP"), ("Sevilla", "SEV"), ("Boca", "BOC"), ("Flamengo", "FLA"), ("Ajax", "AJA"), ("Lyon", "LYO"),
    ];

    private static readonly string[] FontFiles =
        ["DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansCondensed.ttf", "DejaVuSans.ttf", "DejaVuSerifCondensed-Bold.ttf"];

    private static readonly string[] Photos = ["building.jpg", "fruits.jpg", "baboon.jpg", "home.jpg", "orange.jpg", "board.jpg"];

    /// <summary>Graphics over every photograph, four kinds each, fonts, sizes and colours varying from frame to frame.</summary>
    public static async Task<IReadOnlyList<LabelledFrame>> GraphicsAsync(CancellationToken cancellationToken)
    {
        var frames = new List<LabelledFrame>();
        var index = 0;
        foreach (var photo in Photos.Where(p => File.Exists(Path.Combine(Data, p))))
        {
            for (var kind = 0; kind < 4; kind++, index++)
            {
                var font = Path.Combine(Fonts, FontFiles[index % FontFiles.Length]);
                var (a, b, c, d) = (Teams[index % Teams.Length], Teams[(index + 5) % Teams.Length], Teams[(index + 7) % Teams.Length], Teams[(index + 3) % Teams.Length]);
                var (score1, score2) = (index % 4, (index * 7) % 5);
                var (filter, lines, teams) = kind switch
                {
                    0 => Scoreboard(font, 28 + (index % 5 * 4), index % 2 == 0 ? "white" : "0xffd400", $"{a.Abbreviation} {score1} - {score2} {b.Abbreviation}", [a.Abbreviation, b.Abbreviation]),
                    1 => LowerThird(font, 30 + (index % 3 * 5), index % 2 == 0 ? "0x1a1a60" : "0x7a0010", $"{a.Name} v {b.Name}", [a.Name, b.Name]),
                    2 => Ticker(font, 22 + (index % 3 * 3), $"{a.Name} {score1} {b.Name} {score2}   {c.Name} {score2} {d.Name} {score1}", [a.Name, b.Name, c.Name, d.Name]),
                    _ => ScoreBug(font, 26 + (index % 3 * 4), index % 2 == 0 ? "0x40e0ff" : "white", [$"{a.Abbreviation} {score1}", $"{b.Abbreviation} {score2}"], [a.Abbreviation, b.Abbreviation]),
                };
                var image = await RenderAsync(["-i", Path.Combine(Data, photo)], filter, cancellationToken);
                frames.Add(new LabelledFrame($"{photo} {KindName(kind)} {Path.GetFileNameWithoutExtension(font)}", image, lines, teams));
            }
        }

        return frames;
    }

    /// <summary>Frames with no text at all: the photographs bare, and frames of opencv-doc's street clip (vtest.avi).</summary>
    public static async Task<IReadOnlyList<LabelledFrame>> TextFreeAsync(CancellationToken cancellationToken)
    {
        var frames = new List<LabelledFrame>();
        foreach (var photo in Photos.Where(p => File.Exists(Path.Combine(Data, p))))
        {
            frames.Add(new LabelledFrame(photo, await RenderAsync(["-i", Path.Combine(Data, photo)], "[bg]null[out]", cancellationToken), [], []));
        }

        var clip = Path.Combine(Data, "vtest.avi");
        if (File.Exists(clip))
        {
            foreach (var second in new[] { 1, 20, 40, 60, 75 })
            {
                var at = second.ToString(CultureInfo.InvariantCulture);
                frames.Add(new LabelledFrame($"vtest.avi at {at} s", await RenderAsync(["-ss", at, "-i", clip], "[bg]null[out]", cancellationToken), [], []));
            }
        }

        return frames;
    }

    /// <summary>Real pictures of text (opencv-doc's book page, straight and rotated a few degrees), labelled by hand.</summary>
    public static async Task<IReadOnlyList<LabelledFrame>> RealTextAsync(CancellationToken cancellationToken)
    {
        string[] page =
        [
            "technical details are too complex to cover in the book itself.",
            "In teaching our courses, we have found it useful for the students to attempt a number of",
            "small implementation projects, which often build on one another, in order to get them used to",
            "inspiration from three high-level approaches:",
        ];
        string[] words = ["technical", "complex", "teaching", "courses", "implementation", "projects", "students", "exercises", "suggestions", "photographs", "creative", "imagery", "formulating", "vision", "inspiration", "approaches"];
        var frames = new List<LabelledFrame>();
        foreach (var file in new[] { "imageTextN.png", "imageTextR.png" })
        {
            var path = Path.Combine(Data, file);
            if (File.Exists(path))
            {
                // The page as it is, padded onto a 720p canvas rather than stretched.
                var image = await RenderAsync(["-i", path], $"[bg]null[out]", cancellationToken, fit: true);
                frames.Add(new LabelledFrame(file, image, page, words));
            }
        }

        return frames;
    }

    /// <summary>A static scoreboard over frames of a moving street clip: what a channel's text costs in steady state.</summary>
    public static async Task<IReadOnlyList<RgbImage>> ScoreboardOverVideoAsync(int count, CancellationToken cancellationToken)
    {
        var clip = Path.Combine(Data, "vtest.avi");
        var input = File.Exists(clip) ? new[] { "-i", clip } : ["-f", "lavfi", "-i", "testsrc2=s=1280x720:r=10"];
        var (filter, _, _) = Scoreboard(Path.Combine(Fonts, FontFiles[0]), 40, "white", "POR 1 - 0 SAN", []);
        var frames = new List<RgbImage>();
        for (var i = 0; i < count; i++)
        {
            var at = (1 + (i * 0.5)).ToString(CultureInfo.InvariantCulture);
            frames.Add(await RenderAsync(["-ss", at, .. input], filter, cancellationToken));
        }

        return frames;
    }

    private static string KindName(int kind) => kind switch { 0 => "scoreboard", 1 => "lower third", 2 => "ticker", _ => "score bug" };

    private static (string Filter, string[] Lines, string[] Teams) Scoreboard(string font, int size, string colour, string text, string[] teams) =>
        ($"[bg]drawbox=x=40:y=36:w={(text.Length * size * 0.75) + 48:0}:h={size + 28}:color=0x101828@0.85:t=fill,{Text(font, text, 64, 50, size, colour)}[out]", [text], teams);

    private static (string Filter, string[] Lines, string[] Teams) LowerThird(string font, int size, string colour, string text, string[] teams)
    {
        const string Subtitle = "Live from the stadium";
        return ($"[bg]drawbox=x=0:y=540:w=1280:h={size + 60}:color=0xf2f2f2@0.92:t=fill,{Text(font, text, 80, 552, size, colour)},{Text(font, Subtitle, 80, 560 + size, 22, "0x333333")}[out]", [text, Subtitle], teams);
    }

    private static (string Filter, string[] Lines, string[] Teams) Ticker(string font, int size, string text, string[] teams) =>
        ($"[bg]drawbox=x=0:y={Height - size - 24}:w=1280:h={size + 24}:color=black@0.9:t=fill,{Text(font, text, 30, Height - size - 12, size, "0xffd400")}[out]", [text], teams);

    private static (string Filter, string[] Lines, string[] Teams) ScoreBug(string font, int size, string colour, string[] lines, string[] teams) =>
        ($"[bg]drawbox=x=1040:y=30:w=200:h={(2 * size) + 40}:color=0x202020@0.6:t=fill,{Text(font, lines[0], 1064, 44, size, colour)},{Text(font, lines[1], 1064, 56 + size, size, colour)}[out]", lines, teams);

    private static string Text(string font, string text, int x, int y, int size, string colour) =>
        string.Create(CultureInfo.InvariantCulture, $"drawtext=fontfile={font}:text='{text}':x={x}:y={y}:fontsize={size}:fontcolor={colour}");

    private static async Task<RgbImage> RenderAsync(IReadOnlyList<string> input, string filter, CancellationToken cancellationToken, bool fit = false)
    {
        var scale = fit
            ? $"scale={Width}:{Height}:force_original_aspect_ratio=decrease,pad={Width}:{Height}:(ow-iw)/2:(oh-ih)/2:color=white"
            : $"scale={Width}:{Height}";
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error" };
        arguments.AddRange(input);
        arguments.AddRange([
            "-filter_complex", $"[0:v]{scale},setsar=1,format=rgb24[bg];{filter}",
            "-map", "[out]", "-frames:v", "1", "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]);
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { Timeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        return new RgbImage(Width, Height, result.StandardOutput);
    }
}
