using Glance.Runtime.Activation;

namespace Glance.Runtime.Streams;

/// <summary>The named stream providers of a runtime, sharing one table of local subscriptions.</summary>
internal sealed class StreamProviderRegistry
{
    private readonly Dictionary<string, StreamProvider> providers;
    private readonly LocalStreamDelivery delivery;

    public StreamProviderRegistry(IEnumerable<StreamProvider> providers, LocalStreamDelivery delivery)
    {
        this.delivery = delivery;
        this.providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var provider in this.providers.Values)
        {
            provider.Delivery = delivery;
        }
    }

    public IEnumerable<StreamProvider> All => providers.Values;

    public StreamProvider GetProvider(string name) =>
        providers.TryGetValue(name, out var provider)
            ? provider
            : throw new KeyNotFoundException($"No stream provider named '{name}' is configured (configured: {string.Join(", ", providers.Keys)}).");

    public void RemoveSubscriptions(GrainActivation activation) => delivery.RemoveSubscriptions(activation);
}
