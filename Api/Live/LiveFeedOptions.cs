namespace Glance.Api.Live;

/// <summary>The live monitoring feeds (server-sent events) this process holds open. Bound to "LiveFeed".</summary>
public sealed class LiveFeedOptions
{
    public const string SectionName = "LiveFeed";

    /// <summary>Open feeds in this process, all tenants together: each holds a connection and a stream subscription.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Open feeds per tenant in this process, so that one tenant's tabs cannot take every slot.</summary>
    public int MaxConnectionsPerTenant { get; set; } = 20;

    /// <summary>Updates held per connection for a slow reader; beyond this the oldest are dropped and the client is told.</summary>
    public int BufferSize { get; set; } = 256;

    /// <summary>A comment line this often keeps proxies from closing an idle feed and lets the client see it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events one feed may watch (<c>GET /v1/live?events=a,b,...</c>).</summary>
    public int MaxEventsPerFeed { get; set; } = 100;

    /// <summary>How long unsubscribing may take when a client goes away.</summary>
    public TimeSpan UnsubscribeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
