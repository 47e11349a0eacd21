using System.Diagnostics.Metrics;
using Glance.Detection.Local.Text;
using Glance.Media.Fetching;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// Instruments for parts a test builds by hand, from one meter factory of the tests' own: the way a host's container
/// builds them, and apart from any host's meters (a test that counts measurements makes a factory of its own).
/// </summary>
internal static class TestMeters
{
    public static IMeterFactory Factory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static TextMetrics Text() => new(Factory);

    public static FetchMetrics Fetch(IMeterFactory? factory = null) => new(factory ?? Factory);
}
