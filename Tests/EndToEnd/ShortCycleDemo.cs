using Glance.Demo;
using Glance.Demo.Channel;
using Glance.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Glance.Tests.EndToEnd;

/// <summary>The API with the demo on, its channel on a short cycle with 2 s segments, so a test sees whole cycles in seconds.</summary>
internal static class ShortCycleDemo
{
    public static ApiFactory Factory(string folder, TimeSpan cycle) => new ApiFactory().WithShortDemo(folder, cycle);

    /// <summary>Starts the host and waits until the bootstrap has registered the demo through the API.</summary>
    public static async Task<(DemoRegistration Demo, SyntheticChannel Channel)> StartAsync(ApiFactory api)
    {
        _ = api.Anonymous();
        var bootstrap = api.Services.GetServices<IHostedService>().OfType<DemoBootstrap>().Single();
        var demo = await bootstrap.Registered.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return (demo, api.Services.GetRequiredService<SyntheticChannel>());
    }
}
