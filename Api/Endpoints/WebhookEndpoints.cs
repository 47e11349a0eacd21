using Glance.Grains.Interfaces.Webhooks;
using Glance.Media.Fetching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
namespace Glance.Api.Endpoints;

/// <summary>A broadcaster's webhooks: incident opened and closed, signed (Standard Webhooks), retried, logged.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(AccessPolicies.Broadcaster);
        webhooks.MapGet("/", ListAsync).WithSummary("List the tenant's webhooks (never their secrets)").Produces<IReadOnlyList<WebhookView>>();
        webhooks.MapPut("/{webhookId}", PutAsync)
            .WithSummary("Create or replace a webhook")
            .WithDescription($"url: https (http only to networks the operator allow-lists; private, loopback and metadata addresses are refused like event sources, also at every connection); events (incident.opened, incident.closed), checks and eventIds filter what is sent (empty: everything); enabled. Creating answers 201 with the signing secret, shown this once; replacing keeps the secret. At most {WebhookLimits.MaxWebhooksPerTenant} per tenant (409 beyond).")
            .WithMetadata(new RequestSizeLimitAttribute(WebhookLimits.MaxBodyBytes))
            .Produces<WebhookSaved>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
        webhooks.MapGet("/{webhookId}", GetAsync).WithSummary("Read a webhook (never its secret)").ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{webhookId}", DeleteAsync).WithSummary("Delete a webhook, its queued deliveries and its log").ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId}/secret", RotateAsync)
            .WithSummary("Replace the signing secret; the new one is shown this once")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{webhookId}/deliveries", DeliveriesAsync)
            .WithSummary($"The webhook's deliveries, newest first (limit=1-{WebhookLimits.MaxLoggedDeliveries}): status, attempts, last status code and error, latency")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Webhooks(grains, http).ListAsync(cancellationToken));

    private static async Task<Results<Ok<WebhookSaved>, Created<WebhookSaved>>> PutAsync(string webhookId, WebhookDefinition request, HttpContext http, IGrainFactory grains, SsrfGuard guard, CancellationToken cancellationToken)
    {
        Ids.Require(webhookId, "webhookId");
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var target))
        {
            throw new ValidationFailedException("url", "url must be an absolute https URL.");
        }

        // Refuse private, loopback and metadata addresses now, with a clear reason; the sender checks again on every connection.
        await guard.ValidateWebhookTargetAsync(target, cancellationToken);
        var saved = await Webhooks(grains, http).PutAsync(webhookId, request, cancellationToken);
        return saved.Created ? TypedResults.Created($"/v1/webhooks/{webhookId}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<Ok<WebhookView>> GetAsync(string webhookId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(webhookId, "webhookId");
        return TypedResults.Ok(await Webhooks(grains, http).GetAsync(webhookId, cancellationToken));
    }

    private static async Task<NoContent> DeleteAsync(string webhookId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(webhookId, "webhookId");
        await Webhooks(grains, http).DeleteAsync(webhookId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookSaved>> RotateAsync(string webhookId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(webhookId, "webhookId");
        return TypedResults.Ok(await Webhooks(grains, http).RotateSecretAsync(webhookId, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<WebhookDelivery>>> DeliveriesAsync(string webhookId, int? limit, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(webhookId, "webhookId");
        if (limit is < 1 or > WebhookLimits.MaxLoggedDeliveries)
        {
            throw new ValidationFailedException("limit", $"limit is 1-{WebhookLimits.MaxLoggedDeliveries}.");
        }

        return TypedResults.Ok(await Webhooks(grains, http).GetDeliveriesAsync(webhookId, limit ?? 50, cancellationToken));
    }

    /// <summary>The caller's tenant is the grain key: another tenant's webhook ids simply do not exist here.</summary>
    private static IWebhookGrain Webhooks(IGrainFactory grains, HttpContext http) => grains.GetGrainByKey<IWebhookGrain>(http.User.RequiredTenantId());
}
