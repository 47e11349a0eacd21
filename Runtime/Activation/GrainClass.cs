using System.Reflection;
using System.Text;
using Glance.Runtime.State;
using Glance.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Runtime.Activation;

/// <summary>What the runtime knows about one grain implementation class, computed once at start-up.</summary>
internal sealed class GrainClass
{
    private readonly ObjectFactory factory;

    public GrainClass(Type type)
    {
        if (!typeof(Grain).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete Grain class.", nameof(type));
        }

        Type = type;
        Name = type.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultName(type);
        CollectionAge = type.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Age;
        ImplicitStreamNamespaces = type.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.StreamNamespace).ToArray();
        Interfaces = type.GetInterfaces()
            .Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey))
            .ToArray();

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{type.FullName} has no public constructor.", nameof(type));
        States = constructor.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new PersistentStateSlot(x.Attribute!.StateName, x.Parameter.ParameterType))
            .ToArray();
        if (States.Select(s => s.ParameterType).Distinct().Count() != States.Count)
        {
            throw new NotSupportedException($"{type.Name} has two [PersistentState] parameters of the same type; give each state its own type.");
        }

        factory = ActivatorUtilities.CreateFactory(type, States.Select(s => s.ParameterType).ToArray());
    }

    public Type Type { get; }

    /// <summary>Stable type name used in grain ids, storage keys and metrics.</summary>
    public string Name { get; }

    public TimeSpan? CollectionAge { get; }

    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    public IReadOnlyList<PersistentStateSlot> States { get; }

    public Grain Create(IServiceProvider services, object[] states) => (Grain)factory(services, states);

    /// <summary>"LiveEventGrain" becomes "live-event".</summary>
    private static string DefaultName(Type type)
    {
        var name = type.Name.EndsWith("Grain", StringComparison.Ordinal) && type.Name.Length > 5 ? type.Name[..^5] : type.Name;
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}

/// <param name="ParameterType">IPersistentState&lt;T&gt; as declared on the constructor.</param>
internal sealed record PersistentStateSlot(string StateName, Type ParameterType)
{
    public Type StateType => ParameterType.GetGenericArguments()[0];
}
