using System.Security.Cryptography;
using Glance.Grains.Interfaces.Events;
using Glance.Media.Fetching;
using Microsoft.AspNetCore.Http.HttpResults;
namespace Glance.Api.Endpoints;

/// <summary>Live events: register, list, read, change, delete, and start or stop by hand.</summary>
public static class EventEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var events = routes.MapGroup("/v1/events").WithTags("Events").RequireAuthorization(AccessPolicies.Broadcaster);
        events.MapPost("/", CreateAsync)
            .WithSummary("Register a live event")
            .WithDescription("The source must be a public http(s) HLS playlist URL (private, loopback and metadata addresses are refused unless the operator allow-lists them). Ingestion starts 30 s before startsAt and stops 2 min after endsAt. An existing id, or a tenant at its event limit, answers 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        events.MapGet("/", ListAsync).WithSummary("List events, ordered by id, a page at a time");
        events.MapGet("/{eventId}", GetAsync).WithSummary("Read an event with its ingestion status").ProducesProblem(StatusCodes.Status404NotFound);
        events.MapPut("/{eventId}", PutAsync).WithSummary("Create or replace an event").ProducesProblem(StatusCodes.Status409Conflict);
        events.MapDelete("/{eventId}", DeleteAsync).WithSummary("Stop and delete an event").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        events.MapPost("/{eventId}/start", StartAsync).WithSummary("Start ingesting now, whatever the schedule says").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        events.MapPost("/{eventId}/stop", StopAsync).WithSummary("Stop ingesting now, whatever the schedule says").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<Created<LiveEventView>> CreateAsync(EventRequest request, HttpContext http, IGrainFactory grains, SsrfGuard guard, CancellationToken cancellationToken)
    {
        var id = request.Id ?? "ev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        Ids.Require(id, "id");
        var definition = await DefinitionAsync(request, guard, cancellationToken);
        var view = await Event(grains, http, id).CreateAsync(definition, cancellationToken);
        return TypedResults.Created($"/v1/events/{id}", view);
    }

    private static async Task<Ok<EventPage>> ListAsync(HttpContext http, IGrainFactory grains, string? after, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"A page holds 1 to {MaxPageSize} events.");
        }

        var page = await grains.GetGrainByKey<IEventCatalogGrain>(http.User.RequiredTenantId()).ListAsync(after, size + 1, cancellationToken);
        var items = page.Take(size).ToList();
        return TypedResults.Ok(new EventPage(items, page.Count > size ? items[^1].Id : null));
    }

    private static async Task<Ok<LiveEventView>> GetAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return await Event(grains, http, eventId).GetAsync(cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : throw new ResourceNotFoundException("Event", eventId);
    }

    private static async Task<Results<Ok<LiveEventView>, Created<LiveEventView>>> PutAsync(string eventId, EventRequest request, HttpContext http, IGrainFactory grains, SsrfGuard guard, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        if (request.Id is not null && request.Id != eventId)
        {
            throw new ValidationFailedException("id", "The body's id differs from the URL's.");
        }

        var (view, created) = await Event(grains, http, eventId).PutAsync(await DefinitionAsync(request, guard, cancellationToken), cancellationToken);
        return created ? TypedResults.Created($"/v1/events/{eventId}", view) : TypedResults.Ok(view);
    }

    private static async Task<NoContent> DeleteAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        await Event(grains, http, eventId).DeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LiveEventView>> StartAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return TypedResults.Ok(await Event(grains, http, eventId).StartAsync(cancellationToken));
    }

    private static async Task<Ok<LiveEventView>> StopAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return TypedResults.Ok(await Event(grains, http, eventId).StopAsync(cancellationToken));
    }

    /// <summary>The caller's tenant is part of the grain key: another tenant's event id simply does not exist here.</summary>
    private static ILiveEventGrain Event(IGrainFactory grains, HttpContext http, string eventId) =>
        grains.GetGrainByKey<ILiveEventGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), eventId));

    private static async Task<LiveEventDefinition> DefinitionAsync(EventRequest request, SsrfGuard guard, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Source, UriKind.Absolute, out var source))
        {
            throw new ValidationFailedException("source", "The source must be an absolute http(s) URL of an HLS playlist.");
        }

        // Refuse private, loopback and metadata addresses now, with a clear reason; the fetcher checks again on every connection.
        await guard.ValidateSourceAsync(source, cancellationToken);
        return new LiveEventDefinition(request.Name, request.StartsAt, request.EndsAt, source, request.Variant, request.Sampling, request.Detectors);
    }

}

/// <summary>An event as a broadcaster writes it.</summary>
/// <param name="Id">Optional on POST (one is generated); must match the URL on PUT.</param>
public sealed record EventRequest(
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Source,
    VariantPreference? Variant = null,
    SamplingPolicy? Sampling = null,
    List<string>? Detectors = null,
    string? Id = null);

/// <param name="Next">Pass as ?after= to read the next page; null on the last page.</param>
public sealed record EventPage(IReadOnlyList<EventSummary> Items, string? Next);
