using System.Collections.Concurrent;
using System.Text.Json;
using Glance.Media.Webhooks;
using Glance.Tests.Fetching;
using Microsoft.AspNetCore.Http;

namespace Glance.Tests.Webhooks;

/// <summary>
/// A receiver on 127.0.0.1 (real Kestrel, ephemeral port): it answers 500 to the first <c>failFirst</c> requests and
/// 204 afterwards, and keeps what the successful ones carried.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> received = new();
    private LoopbackHttpServer? server;

    public IReadOnlyCollection<Received> Deliveries => received;

    public int Requests => server?.TotalRequests ?? 0;

    public string Url => server!.Url("/hook").ToString();

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver();
        receiver.server = await LoopbackHttpServer.StartAsync(async (context, number) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (number <= failFirst)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            var headers = context.Request.Headers;
            receiver.received.Enqueue(new Received(
                headers[WebhookSignature.IdHeader].ToString(), headers[WebhookSignature.TimestampHeader].ToString(),
                headers[WebhookSignature.SignatureHeader].ToString(), context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        return receiver;
    }

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;

    internal sealed record Received(string Id, string Timestamp, string Signature, string ContentType, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public bool SignedWith(string secret) => WebhookSignature.Verify(secret, Id, Timestamp, Signature, Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
    }
}
