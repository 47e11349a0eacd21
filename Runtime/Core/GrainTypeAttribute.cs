namespace Glance.Runtime;

/// <summary>
/// The stable name of a grain class, used in storage keys and metrics. Without it the class name is used, lower-cased
/// and without a "Grain" suffix. Set it on grains with persistent state so that renaming the class loses nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
