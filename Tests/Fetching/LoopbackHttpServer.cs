using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Fetching;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port. The handler gets the request and how many requests
/// that path has seen (1 for the first); every request's path and headers are recorded.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> counts = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    private LoopbackHttpServer(Func<HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var number = counts.AddOrUpdate(path, 1, (_, n) => n + 1);
            received.Enqueue(new ReceivedRequest(path, context.Request.Headers.UserAgent.ToString(), context.Request.Headers.Range.ToString(), context.Request.Headers.AcceptEncoding.ToString()));
            await handler(context, number);
        });
    }

    public int Port { get; private set; }

    public IReadOnlyCollection<ReceivedRequest> Received => received;

    public static async Task<LoopbackHttpServer> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var server = new LoopbackHttpServer(handler);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Port = new Uri(address).Port;
        return server;
    }

    public Uri Url(string pathAndQuery) => new($"http://127.0.0.1:{Port}{pathAndQuery}");

    public int RequestsTo(string path) => counts.GetValueOrDefault(path);

    public int TotalRequests => counts.Values.Sum();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }

    internal sealed record ReceivedRequest(string Path, string UserAgent, string Range, string AcceptEncoding);
}
