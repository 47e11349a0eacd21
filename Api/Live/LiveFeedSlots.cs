namespace Glance.Api.Live;

/// <summary>Counts open feeds per tenant and in all, so that feeds cannot exhaust connections or stream subscriptions.</summary>
public sealed class LiveFeedSlots(IOptions<LiveFeedOptions> options)
{
    private readonly LiveFeedOptions limits = options.Value;
    private readonly Dictionary<string, int> perTenant = new(StringComparer.Ordinal);
    private int total;

    /// <summary>A slot released when disposed; null when a limit is reached.</summary>
    public IDisposable? TryTake(string tenantId)
    {
        lock (perTenant)
        {
            var mine = perTenant.GetValueOrDefault(tenantId);
            if (total >= limits.MaxConnections || mine >= limits.MaxConnectionsPerTenant)
            {
                return null;
            }

            perTenant[tenantId] = mine + 1;
            total++;
            return new Slot(this, tenantId);
        }
    }

    private void Release(string tenantId)
    {
        lock (perTenant)
        {
            total--;
            if (--perTenant[tenantId] == 0)
            {
                perTenant.Remove(tenantId);
            }
        }
    }

    private sealed class Slot(LiveFeedSlots owner, string tenantId) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(tenantId);
            }
        }
    }
}
