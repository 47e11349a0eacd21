using System.Globalization;
using System.Runtime.CompilerServices;
namespace Glance.Detection.Local.Logos;

/// <summary>
/// Finds a logo in a frame by normalized cross-correlation over the logo's own pixels, multi-scale and coarse to fine:
/// every scale is tried on a shrunken frame (the template a dozen pixels high, so a whole corner costs a few thousand
/// positions), and the best few candidates are refined at full detail with finer scale steps. NCC ignores gain and
/// offset, so a semi-transparent or greyscale logo still correlates with its template; matching on luma makes colour
/// irrelevant. Regions default to the four corners, where station and team logos live.
/// </summary>
public sealed class LogoMatcher(IOptions<LocalLogoOptions> options)
{
    /// <summary>Windows flatter than this (grey levels) cannot hold a logo; it also keeps flat areas from scoring by noise.</summary>
    private const double MinWindowDeviation = 3;

    /// <summary>Refinement works where the logo's shorter side is at least this many pixels (or at full detail).</summary>
    private const int FineTemplateSide = 24;

    /// <summary>Fine scale steps around the best coarse scale.</summary>
    private static readonly double[] FineSteps = [1 / 1.05, 1, 1.05];

    private readonly LocalLogoOptions options = options.Value;
    private readonly ConditionalWeakTable<RgbImage, PreparedTemplate> prepared = [];

    public LocalLogoOptions Options => options;

    /// <summary>The template for a logo picture, prepared once per picture instance.</summary>
    /// <exception cref="LogoTemplateException">The picture cannot serve as a template.</exception>
    public LogoTemplate Prepare(RgbImage template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var entry = prepared.GetValue(template, image =>
        {
            try
            {
                return new PreparedTemplate(LogoTemplate.Create(image, options), null);
            }
            catch (LogoTemplateException e)
            {
                return new PreparedTemplate(null, e);
            }
        });
        return entry.Template ?? throw entry.Error!;
    }

    /// <summary>The logo's best match in this frame (shared per frame, so the logo and team detectors search once).</summary>
    /// <returns>Null when the logo cannot be matched at this frame size at all.</returns>
    /// <exception cref="LogoTemplateException">The logo's picture cannot serve as a template.</exception>
    public async Task<LogoMatch?> FindSharedAsync(DetectionFrame frame, KnownLogo logo, IReadOnlyList<BoundingBox> regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(logo);
        ArgumentNullException.ThrowIfNull(regions);
        var shared = await frame.SharedAsync(
            "local.logos/" + logo.Id,
            async token => new SharedMatch(await FindAsync(frame, Prepare(logo.Template), regions, token).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        return shared.Match;
    }

    public async Task<LogoMatch?> FindAsync(DetectionFrame frame, LogoTemplate template, IReadOnlyList<BoundingBox> regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(template);
        var plan = Plan(frame.Image.Width, frame.Image.Height, template, regions);
        if (plan is null)
        {
            return null;
        }

        var coarse = await SharedImages.ReducedGreyAsync(frame, plan.CoarseFactor, cancellationToken).ConfigureAwait(false);
        var candidates = new List<Candidate>();
        foreach (var region in plan.Regions)
        {
            var levelRect = Shrink(region, plan.CoarseFactor).Intersect(new PixelRect(0, 0, coarse.Width, coarse.Height));
            if (levelRect.IsEmpty)
            {
                continue;
            }

            var search = await frame.SharedAsync(
                string.Create(CultureInfo.InvariantCulture, $"local.logos.search/{plan.CoarseFactor}/{levelRect.X},{levelRect.Y},{levelRect.Width},{levelRect.Height}"),
                _ => Task.FromResult(new SearchImage(coarse, levelRect)),
                cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            CollectCandidates(search, template, plan, candidates);
        }

        var best = (LogoMatch?)null;
        foreach (var candidate in SelectCandidates(candidates, options.Candidates))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fineFactor = FineFactor(plan, template, candidate.Scale);
            var level = await SharedImages.ReducedGreyAsync(frame, fineFactor, cancellationToken).ConfigureAwait(false);
            var refined = Refine(level, fineFactor, template, plan, candidate, frame.Image.Width, frame.Image.Height);
            if (refined is not null && (best is null || refined.Score > best.Score))
            {
                best = refined;
            }
        }

        return best;
    }

    private SearchPlan? Plan(int frameWidth, int frameHeight, LogoTemplate template, IReadOnlyList<BoundingBox> regions)
    {
        var nominal = (double)frameHeight / options.ReferenceFrameHeight;
        var steps = Math.Max(1, options.ScaleSteps);
        var scales = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            scales[i] = steps == 1 ? 1 : options.MinScale * Math.Pow(options.MaxScale / options.MinScale, (double)i / (steps - 1));
        }

        var smallestSide = Math.Min(template.Width, template.Height) * nominal * options.MinScale;
        if (smallestSide < 4)
        {
            return null;
        }

        var factor = 1;
        while (factor < 16 && smallestSide / (factor * 2) >= options.CoarseTemplateSide)
        {
            factor *= 2;
        }

        var rects = (regions.Count > 0 ? regions : Corners(options.CornerFraction))
            .Select(r => PixelRect.FromBox(r, frameWidth, frameHeight))
            .Where(r => !r.IsEmpty)
            .ToList();
        return new SearchPlan(nominal, scales, factor, rects);
    }

    private static IReadOnlyList<BoundingBox> Corners(double fraction)
    {
        var far = 1 - fraction;
        return
        [
            new BoundingBox(0, 0, fraction, fraction),
            new BoundingBox(far, 0, fraction, fraction),
            new BoundingBox(0, far, fraction, fraction),
            new BoundingBox(far, far, fraction, fraction),
        ];
    }

    private static void CollectCandidates(SearchImage search, LogoTemplate template, SearchPlan plan, List<Candidate> candidates)
    {
        var f = plan.CoarseFactor;
        foreach (var scale in plan.Scales)
        {
            var width = (int)Math.Round(template.Width * plan.Nominal * scale / f);
            var height = (int)Math.Round(template.Height * plan.Nominal * scale / f);
            if (width < 3 || height < 3 || width > search.Rect.Width || height > search.Rect.Height || template.At(width, height) is not { } scaled)
            {
                continue;
            }

            var scores = search.Scores(scaled, MinWindowDeviation, out var columns, out var rows);

            // The best position and the best one clearly apart from it: a corner may hold a look-alike first.
            var first = ArgMax(scores, columns, rows, -1, -1, 0);
            if (first < 0)
            {
                continue;
            }

            candidates.Add(ToCandidate(search, scores, first, columns, f, width, height, scale));
            var second = ArgMax(scores, columns, rows, first % columns, first / columns, Math.Max(width, height) / 2);
            if (second >= 0)
            {
                candidates.Add(ToCandidate(search, scores, second, columns, f, width, height, scale));
            }
        }
    }

    private static Candidate ToCandidate(SearchImage search, float[] scores, int index, int columns, int factor, int width, int height, double scale) =>
        new(scores[index], new PixelRect((search.Rect.X + (index % columns)) * factor, (search.Rect.Y + (index / columns)) * factor, width * factor, height * factor), scale);

    /// <summary>Index of the highest positive score, ignoring positions within <paramref name="exclusion"/> of (x, y).</summary>
    private static int ArgMax(float[] scores, int columns, int rows, int x, int y, int exclusion)
    {
        var best = -1;
        var bestScore = 0f;
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var score = scores[(row * columns) + column];
                if (score > bestScore && (exclusion == 0 || Math.Abs(column - x) > exclusion || Math.Abs(row - y) > exclusion))
                {
                    best = (row * columns) + column;
                    bestScore = score;
                }
            }
        }

        return best;
    }

    private static IEnumerable<Candidate> SelectCandidates(List<Candidate> candidates, int count)
    {
        var chosen = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score))
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (chosen.All(c => c.Bounds.Overlap(candidate.Bounds) < 0.3))
            {
                chosen.Add(candidate);
            }
        }

        return chosen;
    }

    private static int FineFactor(SearchPlan plan, LogoTemplate template, double scale)
    {
        var side = Math.Min(template.Width, template.Height) * plan.Nominal * scale;
        var factor = 1;
        while (factor * 2 <= plan.CoarseFactor && side / (factor * 2) >= FineTemplateSide)
        {
            factor *= 2;
        }

        return factor;
    }

    private static LogoMatch? Refine(GreyImage level, int factor, LogoTemplate template, SearchPlan plan, Candidate candidate, int frameWidth, int frameHeight)
    {
        // The coarse position is exact to one coarse pixel, and a scale change moves the far corner: search around both.
        var margin = (plan.CoarseFactor / factor) + 2;
        LogoMatch? best = null;
        foreach (var step in FineSteps)
        {
            var scale = candidate.Scale * step;
            var width = (int)Math.Round(template.Width * plan.Nominal * scale / factor);
            var height = (int)Math.Round(template.Height * plan.Nominal * scale / factor);
            if (width < 3 || height < 3 || template.At(width, height) is not { } scaled)
            {
                continue;
            }

            var x = (candidate.Bounds.X / factor) - margin;
            var y = (candidate.Bounds.Y / factor) - margin;
            var rect = new PixelRect(x, y, width + (2 * margin) + 1, height + (2 * margin) + 1).Intersect(new PixelRect(0, 0, level.Width, level.Height));
            if (rect.Width < width || rect.Height < height)
            {
                continue;
            }

            var search = new SearchImage(level, rect);
            var scores = search.Scores(scaled, MinWindowDeviation, out var columns, out var rows);
            var index = ArgMax(scores, columns, rows, -1, -1, 0);
            if (index < 0 || (best is not null && scores[index] <= best.Score))
            {
                continue;
            }

            var box = new PixelRect((rect.X + (index % columns)) * factor, (rect.Y + (index / columns)) * factor, width * factor, height * factor);
            best = new LogoMatch(scores[index], box.ToBox(frameWidth, frameHeight), scale);
        }

        return best;
    }

    private static PixelRect Shrink(PixelRect rect, int factor) =>
        new(rect.X / factor, rect.Y / factor, rect.Width / factor, rect.Height / factor);

    private sealed record SearchPlan(double Nominal, double[] Scales, int CoarseFactor, IReadOnlyList<PixelRect> Regions);

    private readonly record struct Candidate(double Score, PixelRect Bounds, double Scale);

    private sealed record PreparedTemplate(LogoTemplate? Template, LogoTemplateException? Error);

    private sealed record SharedMatch(LogoMatch? Match);
}
