using Orleans.Runtime;

namespace Glance.Grains.Interfaces.Common;

/// <summary>
/// Grain references for string-keyed grains without Orleans' per-call type resolution. <c>GetGrain&lt;T&gt;(key)</c> works out
/// the interface's <see cref="GrainInterfaceType"/> on every call by reading its attributes through reflection and
/// formatting its type name (about 4 % of a viewer context request's CPU, docs/benchmarks.md). Both identities are fixed
/// by the grain class' attributes and the interface's name, so they are resolved once by Orleans itself and reused; the
/// reference is the same one Orleans builds (same grain id, same single activation).
/// </summary>
public static class GrainReferences
{
    public static TGrainInterface GetGrainByKey<TGrainInterface>(this IGrainFactory grains, string key)
        where TGrainInterface : IGrainWithStringKey
    {
        var identity = Identity<TGrainInterface>.Resolve(grains);
        return (TGrainInterface)grains.GetGrain(GrainId.Create(identity.GrainType, key), identity.InterfaceType);
    }

    private static class Identity<TGrainInterface>
        where TGrainInterface : IGrainWithStringKey
    {
        // A reference, so that readers never see half of an assignment.
        private static Resolved? resolved;

        public static Resolved Resolve(IGrainFactory grains)
        {
            // The silo's own manifest holds every grain class (the API is co-hosted in a silo), so this is never a
            // placeholder type; racing first callers compute the same values.
            return resolved ??= From((GrainReference)(object)grains.GetGrain<TGrainInterface>("identity"));

            static Resolved From(GrainReference reference) => new(reference.GrainId.Type, reference.InterfaceType);
        }
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
