using Orleans.Metadata;
using Orleans.Placement;

namespace Glance.Grains.Placement;

/// <summary>
/// The workload a grain type needs, carried from <see cref="WorkloadPlacementAttribute"/> through the grain type's
/// properties in the cluster manifest: Orleans makes one instance per grain type and initializes it from there.
/// </summary>
public sealed class WorkloadPlacementFilterStrategy : PlacementFilterStrategy
{
    private const string WorkloadProperty = "workload";

    /// <summary>Orleans resolves the strategy from the container and then initializes it from the grain's properties.</summary>
    public WorkloadPlacementFilterStrategy()
        : this(string.Empty)
    {
    }

    public WorkloadPlacementFilterStrategy(string workload)
        : base(order: 0)
    {
        Workload = workload;
    }

    public string Workload { get; private set; }

    public override void AdditionalInitialize(GrainProperties properties) =>
        Workload = GetPlacementFilterGrainProperty(WorkloadProperty, properties) ?? string.Empty;

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new(WorkloadProperty, Workload);
    }
}
