namespace Glance.Media.Hls;

/// <summary>What <see cref="VariantSelector"/> looks for in a master playlist.</summary>
public sealed record VariantSelectorOptions
{
    public static VariantSelectorOptions Default { get; } = new();

    /// <summary>Tallest picture wanted: the tallest variant at or under it wins; if none fits, the shortest above it.</summary>
    public int MaxHeight { get; init; } = 720;

    /// <summary>Variants whose BANDWIDTH exceeds this are only taken when nothing else is left. Null: no cap.</summary>
    public long? MaxBandwidth { get; init; }

    /// <summary>
    /// Among variants of the same height, and among variants without RESOLUTION, the one whose BANDWIDTH is nearest to
    /// this wins. Null: the highest bandwidth wins (best picture at that size).
    /// </summary>
    public long? PreferredBandwidth { get; init; }
}
