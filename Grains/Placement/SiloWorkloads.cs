namespace Glance.Grains.Placement;

/// <summary>
/// The kinds of work an operator can give a silo (Silo:Workloads), as the silo publishes them in its Orleans silo
/// metadata under <see cref="MetadataKey"/>: a comma-separated list of lower-case names.
/// </summary>
public static class SiloWorkloads
{
    /// <summary>Live segments: stream ingest and the segment pipeline that runs on the stream grain's silo.</summary>
    public const string Analysis = "analysis";

    /// <summary>Gallery jobs: face descriptors, logo templates, classifier training.</summary>
    public const string Gallery = "gallery";

    /// <summary>Namespaced: silo metadata is one dictionary shared with whatever else a deployment publishes there.</summary>
    public const string MetadataKey = "glance.workloads";

    /// <summary>Every workload, so a silo nobody configured does what every silo did before workloads existed.</summary>
    public static IReadOnlyList<string> All { get; } = [Analysis, Gallery];

    /// <summary>The names in a comma-separated list, trimmed and lower-cased; empty entries are dropped.</summary>
    public static IReadOnlyList<string> Parse(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The value a silo publishes: its workloads in a stable order, so equal settings publish equal text.</summary>
    public static string Format(IEnumerable<string> workloads) =>
        string.Join(',', workloads.Order(StringComparer.Ordinal));

    /// <summary>Whether a published list (null: the silo published none) names <paramref name="workload"/>.</summary>
    public static bool Includes(string? published, string workload) => Parse(published).Contains(workload, StringComparer.Ordinal);
}
