using System.Reflection;

namespace Glance.Runtime.Activation;

/// <summary>
/// A grain reference: implements the grain interface and turns every call into a turn on the grain's activation
/// (created on first call). Public only because <see cref="DispatchProxy"/> requires it; not part of the API.
/// </summary>
public class GrainProxy : DispatchProxy
{
    internal GrainRuntime Runtime { get; private set; } = null!;

    internal GrainId Id { get; private set; }

    internal GrainClass GrainClass { get; private set; } = null!;

    public override string ToString() => $"GrainReference:{Id}";

    internal void Bind(GrainRuntime runtime, GrainId id, GrainClass grainClass)
    {
        Runtime = runtime;
        Id = id;
        GrainClass = grainClass;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return Runtime.GetInvoker(targetMethod).Invoke(Runtime, this, args ?? []);
    }
}
