using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Glance.Hosting;

/// <summary>The headless silo: grains, storage, streams and the operational endpoints; no public API.</summary>
public static class SiloHost
{
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddSiloRole(new Dictionary<string, string?> { ["Urls"] = "http://0.0.0.0:8081" });
        var app = builder.Build();
        app.MapOperationalEndpoints();
        await app.RunAsync(cancellationToken);
    }
}
