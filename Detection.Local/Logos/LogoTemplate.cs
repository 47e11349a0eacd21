using System.Collections.Concurrent;
namespace Glance.Detection.Local.Logos;

/// <summary>
/// A logo prepared for matching: its grey picture, which of its pixels are the logo (not plain background), and
/// resampled versions made on demand for the sizes the search asks for.
/// </summary>
public sealed class LogoTemplate
{
    /// <summary>Logo pixels must vary at least this much (grey levels, standard deviation) to be matched reliably.</summary>
    private const double MinStandardDeviation = 8;

    /// <summary>At least this share of the template must be logo rather than plain background.</summary>
    private const double MinLogoShare = 0.1;

    /// <summary>Bound on cached sizes per template; the search asks for a handful per frame size.</summary>
    private const int MaxCachedSizes = 256;

    private readonly GreyImage grey;
    private readonly GreyImage mask;
    private readonly ConcurrentDictionary<(int Width, int Height), ScaledTemplate?> sizes = new();

    private LogoTemplate(GreyImage grey, GreyImage mask, double logoShare)
    {
        this.grey = grey;
        this.mask = mask;
        LogoShare = logoShare;
    }

    public int Width => grey.Width;

    public int Height => grey.Height;

    /// <summary>Share of the template's pixels that are logo (the rest is plain background, ignored when matching).</summary>
    public double LogoShare { get; }

    /// <exception cref="LogoTemplateException">The picture cannot serve as a template.</exception>
    public static LogoTemplate Create(RgbImage image, LocalLogoOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        if (Math.Min(image.Width, image.Height) < options.MinTemplateSide)
        {
            throw new LogoTemplateException($"The logo is {image.Width}x{image.Height} pixels; each side must be at least {options.MinTemplateSide}.");
        }

        if (Math.Max(image.Width, image.Height) > options.MaxTemplateSide)
        {
            throw new LogoTemplateException(
                $"The logo is {image.Width}x{image.Height} pixels; templates show the logo at its size in a {options.ReferenceFrameHeight}p frame, at most {options.MaxTemplateSide} pixels a side.");
        }

        var grey = Greyscale.FromRgb(image);
        var logo = BackgroundMask.Compute(image);
        var mask = new GreyImage(image.Width, image.Height);
        double sum = 0, squares = 0;
        var count = 0;
        for (var i = 0; i < logo.Length; i++)
        {
            if (logo[i])
            {
                mask.Pixels[i] = 255;
                sum += grey.Pixels[i];
                squares += grey.Pixels[i] * (double)grey.Pixels[i];
                count++;
            }
        }

        var share = (double)count / logo.Length;
        if (share < MinLogoShare)
        {
            throw new LogoTemplateException($"Only {share:P0} of the logo picture differs from its plain background; crop it to the logo.");
        }

        var mean = sum / count;
        var deviation = Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
        if (deviation < MinStandardDeviation)
        {
            throw new LogoTemplateException($"The logo is nearly flat (grey-level deviation {deviation:0.#}); a template needs visible detail.");
        }

        return new LogoTemplate(grey, mask, share);
    }

    /// <summary>The template at <paramref name="width"/> x <paramref name="height"/>; null if it has no contrast at that size.</summary>
    internal ScaledTemplate? At(int width, int height)
    {
        if (sizes.TryGetValue((width, height), out var cached))
        {
            return cached;
        }

        var scaled = ScaledTemplate.Create(grey, mask, width, height);
        if (sizes.Count < MaxCachedSizes)
        {
            sizes.TryAdd((width, height), scaled);
        }

        return scaled;
    }
}
