using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// Serves a folder over HTTP on a loopback port, like a CDN origin, with faults that tests switch on and off:
/// 404, 500, slow answers and garbage bodies. Counts requests.
/// </summary>
public sealed class HlsFileServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string root;
    private int requests;

    private HlsFileServer(WebApplication app, string root)
    {
        this.app = app;
        this.root = root;
    }

    public ServerFault Fault { get; set; } = ServerFault.None;

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(10);

    public int Requests => Volatile.Read(ref requests);

    public ConcurrentQueue<string> Paths { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public Uri Url(string relative) => new(BaseUri, relative);

    public static async Task<HlsFileServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new HlsFileServer(app, root);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        Paths.Enqueue(context.Request.Path);
        switch (Fault)
        {
            case ServerFault.NotFound:
                context.Response.StatusCode = 404;
                return;
            case ServerFault.ServerError:
                context.Response.StatusCode = 500;
                return;
            case ServerFault.Slow:
                await Task.Delay(SlowDelay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case ServerFault.Garbage:
                await context.Response.WriteAsync("<html>this is not a playlist</html>");
                return;
        }

        var relative = Uri.UnescapeDataString(context.Request.Path.Value!.TrimStart('/'));
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(path))
        {
            context.Response.StatusCode = 404;
            return;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, context.RequestAborted);
        }
        catch (IOException)
        {
            context.Response.StatusCode = 404; // deleted between the check and the read, as on a live origin
            return;
        }

        context.Response.ContentType = path.EndsWith(".m3u8", StringComparison.Ordinal) ? "application/vnd.apple.mpegurl" : "video/mp2t";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}

public enum ServerFault
{
    None,
    NotFound,
    ServerError,
    Slow,
    Garbage,
}
