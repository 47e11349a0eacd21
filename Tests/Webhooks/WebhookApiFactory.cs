using Glance.Tests.Api;

namespace Glance.Tests.Webhooks;

/// <summary>
/// The API with loopback allow-listed (so a receiver started by the test on 127.0.0.1 may be registered over http, as
/// an operator would allow it) and a back-off short enough that retries take milliseconds, not minutes.
/// </summary>
public sealed class WebhookApiFactory : ApiFactory
{
    public WebhookApiFactory()
    {
        WithSetting("Ingest:AllowedNetworks:0", "127.0.0.0/8");
        WithSetting("Webhooks:RetryBaseDelay", "00:00:00.050");
        WithSetting("Webhooks:RetryMaxDelay", "00:00:00.200");
        WithSetting("Webhooks:AttemptTimeout", "00:00:05");
    }
}
