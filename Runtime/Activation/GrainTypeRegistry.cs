using System.Reflection;

namespace Glance.Runtime.Activation;

/// <summary>The grain classes a runtime hosts, found once at start-up, and which interface each implements.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClass> byInterface = [];
    private readonly Dictionary<string, GrainClass> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrainClass[]> implicitByNamespace = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var type in grainClasses.Distinct())
        {
            var grainClass = new GrainClass(type);
            if (!byName.TryAdd(grainClass.Name, grainClass))
            {
                throw new InvalidOperationException($"Two grain classes share the type name '{grainClass.Name}': {byName[grainClass.Name].Type.FullName} and {type.FullName}.");
            }

            foreach (var grainInterface in grainClass.Interfaces)
            {
                if (!byInterface.TryAdd(grainInterface, grainClass))
                {
                    throw new InvalidOperationException($"{grainInterface.Name} is implemented by both {byInterface[grainInterface].Type.Name} and {type.Name}.");
                }
            }
        }

        foreach (var group in byName.Values.SelectMany(c => c.ImplicitStreamNamespaces.Select(ns => (ns, c))).GroupBy(x => x.ns))
        {
            implicitByNamespace[group.Key] = group.Select(x => x.c).ToArray();
        }
    }

    /// <summary>Every concrete <see cref="Grain"/> subclass in the assemblies.</summary>
    public static IEnumerable<Type> FindGrainClasses(params Assembly[] assemblies) =>
        assemblies.SelectMany(a => a.GetTypes()).Where(t => typeof(Grain).IsAssignableFrom(t) && t is { IsAbstract: false, IsClass: true });

    internal IReadOnlyCollection<GrainClass> Classes => byName.Values;

    internal GrainClass ForInterface(Type grainInterface) =>
        byInterface.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class implementing {grainInterface.Name} is registered.");

    internal GrainClass? ForName(string typeName) => byName.GetValueOrDefault(typeName);

    internal IReadOnlyList<GrainClass> ImplicitSubscribers(string streamNamespace) =>
        implicitByNamespace.GetValueOrDefault(streamNamespace, []);
}
