using Glance.Tests.Api;

namespace Glance.Tests.Engagement.Learning;

/// <summary>The API with a learner that always explores (uniform choice) and calls an instrument warm after 2 rewards.</summary>
public sealed class ExploringApiFactory : ApiFactory
{
    public ExploringApiFactory()
    {
        WithSetting("Engagement:Learning:ExplorationRate", "1");
        WithSetting("Engagement:Learning:MinArmUpdates", "2");
    }
}
