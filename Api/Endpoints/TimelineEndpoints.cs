using System.ComponentModel;
using Glance.Api.Http;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
namespace Glance.Api.Endpoints;

/// <summary>What was seen when: the viewer context query, the broadcaster's timeline and its WebVTT export, segment statuses.</summary>
public static class TimelineEndpoints
{
    public const int MaxPageSize = 1000;

    public const int MaxSegmentPageSize = 100;

    private const string FromSeconds = "seconds since the event start; negative before it";

    private const string ToSeconds = "seconds since the event start";

    /// <summary>About 31 years either side of the event start: every real position, and far from any overflow.</summary>
    public const double MaxPositionSeconds = 1e9;

    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder routes)
    {
        // Every endpoint here reads an event's timeline: an unknown event (or another tenant's) is 404.
        var viewer = routes.MapGroup("/v1/events/{eventId}").RequireAuthorization(AccessPolicies.Viewer).ProducesProblem(StatusCodes.Status404NotFound);
        viewer.MapGet("/context", GetContextAsync)
            .WithTags("Viewer context")
            .WithSummary("What was on screen around a player position")
            .WithDescription("The distinct people, objects, teams, logos and text seen in [position - before, position + after] (seconds since the event start), or around ?at=<ISO 8601 time>; ordered by relevance (occurrences x confidence, then recency). Windows are capped at 10 minutes each way. Supports If-None-Match.")
            .Produces<ContextWindow>()
            .Produces(StatusCodes.Status304NotModified);
        viewer.MapGet("/timeline.vtt", GetWebVttAsync)
            .WithTags("Timeline")
            .WithSummary("The timeline as a WebVTT metadata track (one cue per analysed frame, JSON payload)")
            .WithDescription("Frames in [from, to] (seconds since the event start; by default the first 1,000 frames). Frames seen before the event start (pre-roll, negative positions) are kept: WebVTT has no negative times, so their cues begin at 00:00:00.000.")
            .Produces<string>(StatusCodes.Status200OK, "text/vtt");

        var broadcaster = routes.MapGroup("/v1/events/{eventId}").RequireAuthorization(AccessPolicies.Broadcaster).ProducesProblem(StatusCodes.Status404NotFound);
        broadcaster.MapGet("/timeline", GetTimelineAsync)
            .WithTags("Timeline")
            .WithSummary("Analysed frames and what was seen in them, a page at a time")
            .WithDescription("Frames in [from, to] (seconds since the event start); from defaults to the first frame, pre-roll before the event start (negative positions) included. next is where the following page starts, in milliseconds (pass next / 1000 as from).");
        broadcaster.MapGet("/segments", GetSegmentsAsync).WithTags("Segments").WithSummary("Per-segment analysis status, by media sequence");
        // No route constraint: a sequence that is not a number is a 400 saying so, not a 404 for a path that does not exist.
        broadcaster.MapGet("/segments/{sequence}", GetSegmentAsync)
            .WithTags("Segments")
            .WithSummary("One segment's analysis status and its monitoring checks")
            .WithDescription("monitoring holds, per check (stationLogo, sport, teams, audio, loudness, black, freeze, transport, scte35, captions), pass, fail, skipped or error with the reason, what the scheduled program expected and what was detected, and for frame checks each sampled frame's evidence; null until the segment is checked.");
        return routes;
    }

    private static async Task<IResult> GetContextAsync(
        string eventId,
        [Description("seconds since the event start")] double? position,
        [Description("a wall-clock instant, instead of position")] DateTimeOffset? at,
        [Description("seconds before the position, 10 by default")] double? before,
        [Description("seconds after the position, 5 by default")] double? after,
        HttpContext http,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var back = before ?? 10;
        var ahead = after ?? 5;
        RequirePositionOrAt(position, at);
        var timeline = Timeline(grains, http, eventId);
        var center = position ?? await timeline.PositionAtAsync(at!.Value, cancellationToken);
        var window = await timeline.GetContextAsync(center, back, ahead, cancellationToken);
        var etag = ETag(window);
        http.Response.Headers.CacheControl = "private, max-age=2";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Count > 0 && IfNoneMatch(http.Request.Headers.IfNoneMatch.ToString(), etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        // The source-generated serializer's fast path: the hottest response of the service, written without reflection
        // metadata or the API's general options (it has no enums to convert).
        return TypedResults.Json(window, ApiJsonContext.Default.ContextWindow);
    }

    /// <summary>A player position: exactly one of position (seconds since the event start, 0 or more) and at.</summary>
    internal static void RequirePositionOrAt(double? position, DateTimeOffset? at)
    {
        // Allocated only for a request that fails: the context query is the hottest handler.
        Dictionary<string, string[]>? errors = null;
        if ((position is null) == (at is null))
        {
            (errors ??= [])["position"] = ["Give either position (seconds since the event start) or at (an ISO 8601 time)."];
        }

        if (position is { } p && (!double.IsFinite(p) || p < 0))
        {
            (errors ??= [])["position"] = ["The position is a number of seconds since the event start, 0 or more."];
        }

        if (errors is not null)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static async Task<Ok<TimelinePage>> GetTimelineAsync(
        string eventId,
        [Description(FromSeconds)] double? from,
        [Description(ToSeconds)] double? to,
        [Description("only sightings of this kind (face, object, text, logo, team, ...)")] string? kind,
        [Description("frames per page, 1 to 1000")] int? limit,
        HttpContext http,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var (fromMs, toMs, size) = Bounds(from, to, limit);
        return TypedResults.Ok(await Timeline(grains, http, eventId).GetTimelineAsync(fromMs, toMs, kind, size, cancellationToken));
    }

    private static async Task<IResult> GetWebVttAsync(
        string eventId,
        [Description(FromSeconds)] double? from,
        [Description(ToSeconds)] double? to,
        HttpContext http,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var (fromMs, toMs, _) = Bounds(from, to, MaxPageSize);
        var page = await Timeline(grains, http, eventId).GetTimelineAsync(fromMs, toMs, null, MaxPageSize, cancellationToken);
        return TypedResults.Text(WebVtt.Write(page.Entries), "text/vtt", Encoding.UTF8);
    }

    private static async Task<Ok<SegmentPage>> GetSegmentsAsync(
        string eventId,
        [Description("the previous page's next: the media sequence number to continue after")] long? after,
        [Description("segments per page, 1 to 100")] int? limit,
        HttpContext http,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var size = limit ?? 50;
        if (size is < 1 or > MaxSegmentPageSize)
        {
            throw new ValidationFailedException("limit", $"A page holds 1 to {MaxSegmentPageSize} segments.");
        }

        // One more than asked: whether a next page exists is known without a second round trip.
        var statuses = await Timeline(grains, http, eventId).GetSegmentsAsync(after, size + 1, cancellationToken);
        var items = statuses.Take(size).ToList();
        return TypedResults.Ok(new SegmentPage(items, statuses.Count > size ? items[^1].Sequence : null));
    }

    private static async Task<Ok<SegmentStatus>> GetSegmentAsync(
        string eventId, [Description("the segment's media sequence number")] long sequence, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var status = await Timeline(grains, http, eventId).GetSegmentAsync(sequence, cancellationToken)
            ?? throw new ResourceNotFoundException("Segment", sequence.ToString(CultureInfo.InvariantCulture));
        var monitoring = await grains.GetGrainByKey<IEventMonitorGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), eventId)).GetSegmentChecksAsync(sequence, cancellationToken);
        return TypedResults.Ok(status with { Monitoring = monitoring });
    }

    private static (long FromMs, long ToMs, int Limit) Bounds(double? from, double? to, int? limit)
    {
        var size = limit ?? 100;
        // By default from the first frame, pre-roll included: ingestion starts before the event, at negative positions.
        var start = from ?? -MaxPositionSeconds;
        var end = to ?? MaxPositionSeconds;
        var errors = new Dictionary<string, string[]>();
        // Bounded so that the store's sort keys (milliseconds x frames per millisecond) cannot overflow.
        if (!double.IsFinite(start) || !double.IsFinite(end) || end < start || Math.Abs(start) > MaxPositionSeconds || Math.Abs(end) > MaxPositionSeconds)
        {
            errors["to"] = [$"'from' and 'to' are seconds since the event start (within ±{MaxPositionSeconds:0}), with to >= from."];
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"A page holds 1 to {MaxPageSize} frames."];
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : ((long)Math.Floor(start * 1000), (long)Math.Ceiling(end * 1000), size);
    }

    /// <summary>Weak comparison (RFC 9110 13.1.2) against a comma-separated If-None-Match list, or "*".</summary>
    private static bool IfNoneMatch(string header, string etag)
    {
        var opaque = etag[2..];
        foreach (var candidate in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || candidate == etag || candidate == opaque || (candidate.StartsWith("W/", StringComparison.Ordinal) && candidate[2..] == opaque))
            {
                return true;
            }
        }

        return false;
    }

    private static IEventTimelineGrain Timeline(IGrainFactory grains, HttpContext http, string eventId) =>
        grains.GetGrainByKey<IEventTimelineGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), eventId));

    /// <summary>The timeline's version and the window's bounds (milliseconds, hexadecimal), written as one string.</summary>
    private static string ETag(ContextWindow window) =>
        string.Create(CultureInfo.InvariantCulture, $"W/\"{window.Version}-{(long)Math.Round(window.From * 1000):x}-{(long)Math.Round(window.To * 1000):x}\"");
}
