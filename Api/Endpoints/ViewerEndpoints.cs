using Glance.Grains.Interfaces.Viewers;
using Microsoft.AspNetCore.Mvc;

namespace Glance.Api.Endpoints;

/// <summary>A viewer's own profile, written by their device (viewer token) or by the broadcaster for them (API key).</summary>
public static class ViewerEndpoints
{
    /// <summary>A profile is a few hundred bytes; nothing legitimate comes near this.</summary>
    public const long MaxProfileBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapViewerEndpoints(this IEndpointRouteBuilder routes)
    {
        var profile = routes.MapGroup("/v1/viewers/{viewerId}/profile").WithTags("Viewers").RequireAuthorization(AccessPolicies.Viewer);
        profile.MapPut("/", PutProfileAsync)
            .WithSummary("Create or replace a viewer's profile")
            .WithDescription("Demographic (ageRange, gender, country, languages), psychographic (interests) and behavioural or custom segments (segment ids) for targeting instruments; personalization false opts the viewer out. A viewer token may write only its own viewer's profile; another viewer's answers 404.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxProfileBodyBytes))
            .Produces<ViewerProfileView>(StatusCodes.Status200OK)
            .Produces<ViewerProfileView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        profile.MapGet("/", GetProfileAsync)
            .WithSummary("Read a viewer's profile")
            .Produces<ViewerProfileView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        profile.MapDelete("/", DeleteProfileAsync)
            .WithSummary("Erase a viewer's profile")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<IResult> PutProfileAsync(string viewerId, ViewerProfile request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (view, created) = await Viewer(grains, http, viewerId).PutProfileAsync(request, cancellationToken);
        return created ? TypedResults.Created($"/v1/viewers/{viewerId}/profile", view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetProfileAsync(string viewerId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(await Viewer(grains, http, viewerId).GetProfileAsync(cancellationToken));
    }

    private static async Task<IResult> DeleteProfileAsync(string viewerId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await Viewer(grains, http, viewerId).DeleteProfileAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The viewer's grain in the caller's tenant. A viewer token names one viewer: any other id answers 404 exactly as
    /// a viewer without a profile does, so a device cannot learn which other viewers exist.
    /// </summary>
    internal static IViewerGrain Viewer(IGrainFactory grains, HttpContext http, string viewerId)
    {
        Ids.Require(viewerId, "viewerId");
        if (http.User.IsInRoleOf(GlanceClaims.ViewerRole) && !string.Equals(http.User.ViewerId(), viewerId, StringComparison.Ordinal))
        {
            throw new ResourceNotFoundException("Viewer profile", viewerId);
        }

        return grains.GetGrainByKey<IViewerGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), viewerId));
    }
}
