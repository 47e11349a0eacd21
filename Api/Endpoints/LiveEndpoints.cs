using System.ComponentModel;
using Glance.Api.Live;
namespace Glance.Api.Endpoints;

/// <summary>
/// Live monitoring as server-sent events: one event's feed, and one feed for several events (a dashboard grid: browsers
/// hold at most six HTTP/1.1 connections per origin, so one feed per event would stall a grid of fifty).
/// </summary>
public static class LiveEndpoints
{
    private const string FeedDescription =
        "text/event-stream. First 'state' (per event: the newest checked segment, or for a one-event feed resuming with Last-Event-ID the segments since, and the open incidents), " +
        "then 'segment' (sequence, program on air, each check's status) and 'incident' (opened or closed) as they happen, " +
        "'dropped' when a slow reader lost updates (reload the state), and a comment every 15 s.";

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder routes)
    {
        var live = routes.MapGroup("/v1").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Broadcaster)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        live.MapGet("/events/{eventId}/live", OneEventAsync)
            .WithSummary("Follow an event's monitoring live (server-sent events)")
            .WithDescription(FeedDescription + " Segment frames carry the sequence as their id.")
            .Produces(StatusCodes.Status200OK, contentType: LiveFeedFrames.ContentType);
        live.MapGet("/live", SeveralEventsAsync)
            .WithSummary("Follow several events' monitoring live in one connection (server-sent events)")
            .WithDescription(FeedDescription + " events lists the event ids, comma-separated.")
            .Produces(StatusCodes.Status200OK, contentType: LiveFeedFrames.ContentType);
        return routes;
    }

    private static Task<IResult> OneEventAsync(string eventId, HttpContext http, LiveFeed feed, LiveFeedSlots slots, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        // Browsers send Last-Event-ID when they reconnect; something unreadable simply means "from the newest".
        long? resumeAfter = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : null;
        return RunAsync(http, [eventId], resumeAfter, feed, slots, cancellationToken);
    }

    private static Task<IResult> SeveralEventsAsync(
        [Description("event ids, comma-separated")] string? events, HttpContext http, LiveFeed feed, LiveFeedSlots slots, IOptions<LiveFeedOptions> options, CancellationToken cancellationToken)
    {
        var most = options.Value.MaxEventsPerFeed;
        var ids = (events ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0 || ids.Length > most)
        {
            throw new ValidationFailedException("events", $"events lists 1 to {most} event ids, comma-separated.");
        }

        foreach (var id in ids)
        {
            Ids.Require(id, "events");
        }

        return RunAsync(http, [.. ids.Distinct(StringComparer.Ordinal)], null, feed, slots, cancellationToken);
    }

    private static async Task<IResult> RunAsync(HttpContext http, IReadOnlyList<string> eventIds, long? resumeAfter, LiveFeed feed, LiveFeedSlots slots, CancellationToken cancellationToken)
    {
        var tenant = http.User.RequiredTenantId();
        using var slot = slots.TryTake(tenant);
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = "10";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many live feeds",
                detail: "This tenant (or this server) holds as many live feeds open as it allows; close one or retry later.");
        }

        await feed.RunAsync(http, tenant, eventIds, resumeAfter, cancellationToken);
        return TypedResults.Empty;
    }
}
