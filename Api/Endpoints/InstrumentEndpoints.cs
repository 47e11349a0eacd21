using System.ComponentModel;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Viewers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
namespace Glance.Api.Endpoints;

/// <summary>
/// Engagement instruments: the broadcaster's catalog per event, the decision a viewer's device asks for (JSON, or
/// VAST 4.1 for ad players) and the event's engagement results.
/// </summary>
public static class InstrumentEndpoints
{
    public const int MaxPageSize = 100;

    /// <summary>An instrument is a few kilobytes at most (its bounded texts and lists).</summary>
    public const long MaxInstrumentBodyBytes = 64 * 1024;

    /// <summary>The best quiz scorers an engagement report lists.</summary>
    public const int TopScores = 100;

    private const string NextDescription = "The one instrument that fits this viewer now, given the entities seen in [position - before, position + after] (as /context) and the viewer's profile, or 204 when none qualifies. Validity windows, per-viewer caps and spacing always apply; a viewer who opted out of personalization is only offered instruments without audience targeting. A viewer token answers for its own viewer; a broadcaster key names the viewer with ?viewerId=. Accept: application/xml answers VAST 4.1 (ads only), as .../next.vast does.";

    public static IEndpointRouteBuilder MapInstrumentEndpoints(this IEndpointRouteBuilder routes)
    {
        var catalog = routes.MapGroup("/v1/events/{eventId}/instruments").WithTags("Instruments").RequireAuthorization(AccessPolicies.Broadcaster);
        catalog.MapGet("/", ListAsync)
            .WithSummary("List an event's instruments, ordered by id, a page at a time")
            .Produces<InstrumentPage>();
        catalog.MapGet("/{instrumentId}", GetAsync)
            .WithSummary("Read an instrument")
            .Produces<InstrumentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        catalog.MapPut("/{instrumentId}", PutAsync)
            .WithSummary("Create or replace an instrument (ad, trivia, poll, quiz, upsell, crosssell)")
            .WithDescription("kind and name, the payload of the kind (ad: creativeUrl, clickThroughUrl, durationSeconds, advertiser; trivia and quiz: question: question, choices, answer; poll: poll: question, options; upsell and crosssell: offer: product, price, currency, url), targeting (entities such as person:messi, label:sports ball, team:porto; segments; countries; ageRanges), validity (fromPosition/toPosition in event seconds, notBefore/notAfter on the wall clock), maxPerViewer, minSpacingSeconds, priority (0-1000) and bid. An unknown event answers 404; an event at its instrument limit 409.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxInstrumentBodyBytes))
            .Produces<InstrumentView>(StatusCodes.Status200OK)
            .Produces<InstrumentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        catalog.MapDelete("/{instrumentId}", DeleteAsync)
            .WithSummary("Delete an instrument")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/v1/events/{eventId}/engagements", ResultsAsync)
            .WithTags("Instruments")
            .RequireAuthorization(AccessPolicies.Broadcaster)
            .WithSummary("How viewers responded to the event's instruments: counts, poll results and quiz scores")
            .Produces<EngagementResults>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/v1/events/{eventId}/learning", LearningAsync)
            .WithTags("Instruments")
            .RequireAuthorization(AccessPolicies.Broadcaster)
            .WithSummary("The event's learning ranker: what each instrument learned from, and offline (IPS) estimates of other policies")
            .WithDescription("Per instrument: rewards learned from and whether it is warm (ranked by the model rather than the targeting rules). From the logged propensities of resolved learner decisions: the reward rate of the learner itself and inverse-propensity estimates (plain and self-normalized) of what the targeting rules, a uniform random choice and the learner without exploration would have earned.")
            .Produces<LearningReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var decisions = routes.MapGroup("/v1/events/{eventId}/instruments").WithTags("Instruments").RequireAuthorization(AccessPolicies.Viewer);
        decisions.MapGet("/next", NextAsync)
            .WithSummary("The instrument to show this viewer now")
            .WithDescription(NextDescription)
            .Produces<InstrumentDecision>()
            .Produces<string>(StatusCodes.Status200OK, VastDocument.MediaType)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        decisions.MapGet("/next.vast", NextAsync)
            .WithSummary("The ad to play for this viewer now, as VAST 4.1")
            .WithDescription("As /next, among ads only, answered as a VAST 4.1 InLine linear ad whose Impression and ClickTracking URLs record the viewer's impression and click; an empty <VAST> when no ad qualifies.")
            .Produces<string>(StatusCodes.Status200OK, VastDocument.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<InstrumentPage>> ListAsync(string eventId, string? after, int? limit, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var size = limit ?? 50;
        if (size is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"A page holds 1 to {MaxPageSize} instruments.");
        }

        var page = await Catalog(grains, http, eventId).ListAsync(after, size + 1, cancellationToken);
        var items = page.Take(size).ToList();
        return TypedResults.Ok(new InstrumentPage(items, page.Count > size ? items[^1].Id : null));
    }

    private static async Task<Ok<InstrumentView>> GetAsync(string eventId, string instrumentId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(instrumentId, "instrumentId");
        return TypedResults.Ok(await Catalog(grains, http, eventId).GetAsync(instrumentId, cancellationToken));
    }

    private static async Task<Results<Ok<InstrumentView>, Created<InstrumentView>>> PutAsync(
        string eventId, string instrumentId, InstrumentDefinition request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(instrumentId, "instrumentId");
        var (view, created) = await Catalog(grains, http, eventId).PutAsync(instrumentId, request, cancellationToken);
        return created ? TypedResults.Created($"/v1/events/{eventId}/instruments/{instrumentId}", view) : TypedResults.Ok(view);
    }

    private static async Task<NoContent> DeleteAsync(string eventId, string instrumentId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(instrumentId, "instrumentId");
        await Catalog(grains, http, eventId).DeleteAsync(instrumentId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<EngagementResults>> ResultsAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var key = await ExistingEventAsync(eventId, http, grains, cancellationToken);
        return TypedResults.Ok(await grains.GetGrainByKey<IEngagementTallyGrain>(key).GetResultsAsync(TopScores, cancellationToken));
    }

    private static async Task<Ok<LearningReport>> LearningAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var key = await ExistingEventAsync(eventId, http, grains, cancellationToken);
        return TypedResults.Ok(await grains.GetGrainByKey<IInstrumentLearnerGrain>(key).GetReportAsync(cancellationToken));
    }

    private static async Task<string> ExistingEventAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var key = ResourceId.Scoped(http.User.RequiredTenantId(), eventId);
        if (await grains.GetGrainByKey<Grains.Interfaces.Events.ILiveEventGrain>(key).GetAsync(cancellationToken) is null)
        {
            throw new ResourceNotFoundException("Event", eventId);
        }

        return key;
    }

    private static Task<IResult> NextAsync(
        string eventId,
        [Description("seconds since the event start")] double? position,
        [Description("a wall-clock instant, instead of position")] DateTimeOffset? at,
        [Description("seconds before the position, 10 by default")] double? before,
        [Description("seconds after the position, 5 by default")] double? after,
        [Description("the viewer, when a broadcaster key asks for one")] string? viewerId,
        HttpContext http,
        IGrainFactory grains,
        TrackingLinks links,
        CancellationToken cancellationToken) =>
        WantsVast(http.Request)
            ? VastAsync(eventId, position, at, before, after, viewerId, http, grains, links, cancellationToken)
            : DecideAsync(eventId, position, at, before, after, viewerId, http, grains, cancellationToken);

    private static async Task<IResult> DecideAsync(
        string eventId, double? position, DateTimeOffset? at, double? before, double? after, string? viewerId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (_, viewer, request) = Request(eventId, position, at, before, after, viewerId, http, grains, null);
        http.Response.Headers.CacheControl = "no-store";
        return await viewer.NextInstrumentAsync(request, cancellationToken) is { } decision ? TypedResults.Ok(decision) : TypedResults.NoContent();
    }

    private static async Task<IResult> VastAsync(
        string eventId, double? position, DateTimeOffset? at, double? before, double? after, string? viewerId, HttpContext http, IGrainFactory grains, TrackingLinks links, CancellationToken cancellationToken)
    {
        var (id, viewer, request) = Request(eventId, position, at, before, after, viewerId, http, grains, [InstrumentKind.Ad]);
        var decision = await viewer.NextInstrumentAsync(request, cancellationToken);
        var document = decision is null
            ? VastDocument.Empty()
            : VastDocument.Ad(decision, Track(http, links, id, decision, EngagementType.Impression), Track(http, links, id, decision, EngagementType.Click));
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(document.Declaration + "\n" + document.Root, VastDocument.MediaType, Encoding.UTF8);
    }

    private static (string ViewerId, IViewerGrain Viewer, DecisionRequest Request) Request(
        string eventId, double? position, DateTimeOffset? at, double? before, double? after, string? viewerId, HttpContext http, IGrainFactory grains, IReadOnlyList<InstrumentKind>? kinds)
    {
        Ids.Require(eventId, "eventId");
        TimelineEndpoints.RequirePositionOrAt(position, at);
        var id = viewerId ?? (http.User.IsInRoleOf(GlanceClaims.ViewerRole) ? http.User.ViewerId() : null)
            ?? throw new ValidationFailedException("viewerId", "A broadcaster key names the viewer to decide for: ?viewerId=...");
        return (id, ViewerEndpoints.Viewer(grains, http, id), new DecisionRequest(eventId, position, at, before ?? 10, after ?? 5, kinds));
    }

    private static Uri Track(HttpContext http, TrackingLinks links, string viewerId, InstrumentDecision decision, EngagementType type)
    {
        var request = http.Request;
        var token = links.Create(http.User.RequiredTenantId(), viewerId, decision.DecisionId, type);
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{EngagementEndpoints.TrackPath}/{token}");
    }

    /// <summary>next.vast, or an ad player that asks /next for XML (and not for JSON).</summary>
    private static bool WantsVast(HttpRequest request)
    {
        if (request.Path.Value?.EndsWith(".vast", StringComparison.Ordinal) == true)
        {
            return true;
        }

        var accept = request.Headers.Accept.ToString();
        return (accept.Contains("application/xml", StringComparison.OrdinalIgnoreCase) || accept.Contains("text/xml", StringComparison.OrdinalIgnoreCase))
            && !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    private static IInstrumentCatalogGrain Catalog(IGrainFactory grains, HttpContext http, string eventId)
    {
        Ids.Require(eventId, "eventId");
        return grains.GetGrainByKey<IInstrumentCatalogGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), eventId));
    }
}

/// <param name="Next">Pass as ?after= to read the next page; null on the last page.</param>
public sealed record InstrumentPage(IReadOnlyList<InstrumentView> Items, string? Next);
