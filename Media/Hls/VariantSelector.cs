namespace Glance.Media.Hls;

/// <summary>
/// Chooses which variant of a master playlist to ingest. Pure: the same playlist and options give the same answer.
/// </summary>
/// <remarks>
/// Ranking, best first: variants with RESOLUTION at or under <see cref="VariantSelectorOptions.MaxHeight"/>, tallest
/// first; then those above it, shortest first; then variants without RESOLUTION that are not audio-only, by bandwidth;
/// then audio-only variants. Variants over <see cref="VariantSelectorOptions.MaxBandwidth"/> come after all of those,
/// cheapest first. Ties keep playlist order.
/// </remarks>
public static class VariantSelector
{
    /// <summary>The best variant, or null when the master playlist lists none.</summary>
    public static Variant? Select(MasterPlaylist master, VariantSelectorOptions? options = null)
    {
        var ranked = Rank(master, options);
        return ranked.Count > 0 ? ranked[0] : null;
    }

    /// <summary>All variants, best first; the later ones are the fallbacks if the chosen one fails to load.</summary>
    public static IReadOnlyList<Variant> Rank(MasterPlaylist master, VariantSelectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(master);
        options ??= VariantSelectorOptions.Default;
        var o = options;
        return master.Variants
            .Select((variant, index) => (variant, index))
            .OrderBy(item => Tier(item.variant, o))
            .ThenBy(item => WithinTier(item.variant, o))
            .ThenBy(item => item.index)
            .Select(item => item.variant)
            .ToArray();
    }

    private static int Tier(Variant variant, VariantSelectorOptions options)
    {
        if (options.MaxBandwidth is { } cap && variant.Bandwidth > cap)
        {
            return 4;
        }

        if (variant.Resolution is { } resolution)
        {
            return resolution.Height <= options.MaxHeight ? 0 : 1;
        }

        return IsAudioOnly(variant) ? 3 : 2;
    }

    /// <summary>Smaller is better within a tier.</summary>
    private static double WithinTier(Variant variant, VariantSelectorOptions options)
    {
        var bandwidthScore = options.PreferredBandwidth is { } preferred && preferred > 0
            ? Math.Abs(Math.Log(Math.Max(variant.Bandwidth, 1) / (double)preferred))
            : -Math.Log(Math.Max(variant.Bandwidth, 1));

        // Both bandwidth scores lie within [-44, 44] (logarithms of 64-bit numbers), so height steps of 1e3 dominate
        // and bandwidth only breaks ties between equal heights.
        return Tier(variant, options) switch
        {
            0 => (-variant.Resolution!.Value.Height * 1e3) + bandwidthScore,
            1 => (variant.Resolution!.Value.Height * 1e3) + bandwidthScore,
            4 => variant.Bandwidth,
            _ => bandwidthScore,
        };
    }

    /// <summary>CODECS lists only audio formats (and no RESOLUTION was given).</summary>
    private static bool IsAudioOnly(Variant variant)
    {
        if (variant.Codecs is null)
        {
            return false;
        }

        foreach (var range in variant.Codecs.AsSpan().Split(','))
        {
            var codec = variant.Codecs.AsSpan()[range].Trim();
            if (!(codec.StartsWith("mp4a") || codec.StartsWith("ac-3") || codec.StartsWith("ec-3") ||
                  codec.StartsWith("opus") || codec.StartsWith("flac") || codec.StartsWith("alac") || codec.StartsWith("ac-4")))
            {
                return false;
            }
        }

        return true;
    }
}
