using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Viewers;
using Microsoft.AspNetCore.Mvc;
namespace Glance.Api.Endpoints;

/// <summary>How viewers respond to the instruments served to them: reported by their device, or fired by an ad player's tracking pixels.</summary>
public static class EngagementEndpoints
{
    public const string TrackPath = "/v1/engagements/track";

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const long MaxEngagementBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapEngagementEndpoints(this IEndpointRouteBuilder routes)
    {
        var engagements = routes.MapGroup("/v1/viewers/{viewerId}/engagements").WithTags("Viewers").RequireAuthorization(AccessPolicies.Viewer);
        engagements.MapPost("/", PostAsync)
            .WithSummary("Report a viewer's response to a served instrument")
            .WithDescription("type is impression, click, answer (with choice: its correctness is worked out here), vote (with choice), dismiss or purchase; decisionId is the decision that served the instrument. Answered once the engagement is stored durably: 201 the first time, 200 with the same receipt when the idempotency key (the Idempotency-Key header or idempotencyKey) was recorded before, 409 when that key came with a different engagement.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxEngagementBodyBytes))
            .Produces<EngagementReceipt>(StatusCodes.Status201Created)
            .Produces<EngagementReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        engagements.MapGet("/", ListAsync)
            .WithSummary("A viewer's recorded engagements, newest first (the last 200)")
            .Produces<IReadOnlyList<EngagementReceipt>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet(TrackPath + "/{token}", TrackAsync)
            .WithTags("Viewers")
            .AllowAnonymous()
            .WithSummary("A tracking pixel of a VAST response (impression or click)")
            .WithDescription("Records the engagement the signed link names, once however often it is fired; links expire after 24 hours.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> PostAsync(
        string viewerId,
        EngagementRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpContext http,
        IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var viewer = ViewerEndpoints.Viewer(grains, http, viewerId);
        if (idempotencyKey is not null && request.IdempotencyKey is not null && idempotencyKey != request.IdempotencyKey)
        {
            throw new ValidationFailedException("idempotencyKey", $"The body's idempotencyKey differs from the {IdempotencyKeyHeader} header.");
        }

        var key = idempotencyKey ?? request.IdempotencyKey
            ?? throw new ValidationFailedException("idempotencyKey", $"Send an idempotency key (the {IdempotencyKeyHeader} header or idempotencyKey), new for each engagement, the same when retrying one.");
        var receipt = await viewer.EngageAsync(new EngagementReport(request.DecisionId, request.Type, key, request.Choice), cancellationToken);
        return receipt.Replayed ? TypedResults.Ok(receipt) : TypedResults.Created($"/v1/viewers/{viewerId}/engagements", receipt);
    }

    private static async Task<IResult> ListAsync(string viewerId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(await ViewerEndpoints.Viewer(grains, http, viewerId).GetEngagementsAsync(cancellationToken));
    }

    private static async Task<IResult> TrackAsync(string token, TrackingLinks links, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // A forged, altered or expired link looks like one that never existed.
        var tracked = links.Read(token) ?? throw new ResourceNotFoundException("Tracking link", "(given)");
        var viewer = grains.GetGrainByKey<IViewerGrain>(ResourceId.Scoped(tracked.TenantId, tracked.ViewerId));
        await viewer.EngageAsync(new EngagementReport(tracked.DecisionId, tracked.Type, $"track:{tracked.DecisionId}:{tracked.Type}"), cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>An engagement as a viewer's device reports it.</summary>
/// <param name="Choice">For answer and vote: the index (from 0) of the choice or option.</param>
/// <param name="IdempotencyKey">Or the Idempotency-Key header.</param>
public sealed record EngagementRequest(string DecisionId, EngagementType Type, int? Choice = null, string? IdempotencyKey = null);
