using Glance.Grains.Interfaces.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
namespace Glance.Api.Endpoints;

/// <summary>Broadcast monitoring's inputs: an event's program schedule (JSON or CSV) and its check switches.</summary>
public static class ScheduleEndpoints
{
    /// <summary>A schedule of the most programs with every field at its longest stays far below this.</summary>
    public const long MaxScheduleBodyBytes = 1024 * 1024;

    private static readonly string[] CsvMediaTypes = ["text/csv", "text/plain", "application/csv"];

    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder routes)
    {
        var monitoring = routes.MapGroup("/v1/events/{eventId}").WithTags("Monitoring").RequireAuthorization(AccessPolicies.Broadcaster)
            .ProducesProblem(StatusCodes.Status404NotFound);
        monitoring.MapPut("/schedule", PutScheduleAsync)
            .WithSummary("Replace the event's program schedule")
            .WithDescription($"Programs with absolute start and end (ISO 8601), title, type (news, sport, ...), expected stationLogo, sport, teams, language, captions, breaks (where SCTE-35 cues are expected) and per-program checks (enabled, disabled, thresholds). Programs must neither overlap nor leave gaps; at most {MonitoringLimits.MaxPrograms}. Each segment is checked against the program on air from then on.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxScheduleBodyBytes))
            .Produces<ProgramSchedule>();
        monitoring.MapGet("/schedule", GetScheduleAsync).WithSummary("Read the event's program schedule").Produces<ProgramSchedule>();
        monitoring.MapPost("/schedule.csv", ImportCsvAsync)
            .WithSummary("Replace the event's program schedule from CSV")
            .WithDescription("Either the AWS broadcast-monitoring sample's columns (Stream_ID, Start_Time and End_Time in seconds from the event start, Event_ID, Event_Title, Event_Type, Station_Logo, Sports_Type, languageCode, Team_Info such as \"POR V SAN\") or ours (id, title, type, start and end in ISO 8601, stationLogo, sport, teams separated by ';', language, captions, disabledChecks, enabledChecks). Header names ignore case, spaces, '_' and type suffixes such as \" (S)\". Breaks and thresholds are set through the JSON schedule.")
            .Accepts<string>(CsvMediaTypes[0], CsvMediaTypes[1..])
            .WithMetadata(new RequestSizeLimitAttribute(MonitoringLimits.MaxCsvBytes))
            .Produces<ProgramSchedule>();
        monitoring.MapPut("/checks", PutSettingsAsync)
            .WithSummary("Switch checks on or off and set their thresholds for the whole event")
            .WithDescription("disabled and enabled list checks (stationLogo, sport, teams, audio, loudness, black, freeze, transport, scte35, captions); thresholds override the service's defaults; a program's own checks override these. Applies from the next segment, without a restart.")
            .WithMetadata(new RequestSizeLimitAttribute(ViewerEndpoints.MaxProfileBodyBytes))
            .Produces<CheckSettings>();
        monitoring.MapGet("/checks", GetSettingsAsync).WithSummary("Read the event's check switches and thresholds").Produces<CheckSettings>();
        monitoring.MapGet("/incidents", GetIncidentsAsync)
            .WithSummary("List the event's incidents, newest first (state=open|closed, check=stationLogo|..., limit=1-1000)")
            .Produces<IReadOnlyList<MonitoringIncident>>();
        return routes;
    }

    private static async Task<Ok<ProgramSchedule>> PutScheduleAsync(string eventId, ScheduleRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return TypedResults.Ok(await Monitor(grains, http, eventId).PutScheduleAsync(request.Programs ?? throw new ValidationFailedException("programs", "A schedule lists its programs (an empty list clears it)."), cancellationToken));
    }

    private static async Task<Ok<ProgramSchedule>> GetScheduleAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return TypedResults.Ok(await Monitor(grains, http, eventId).GetScheduleAsync(cancellationToken));
    }

    private static async Task<IResult> ImportCsvAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var mediaType = http.Request.ContentType is { } type ? type.Split(';')[0].Trim() : null;
        if (mediaType is null || !CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // The body is bounded by the endpoint's request size limit (413 beyond it).
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var csv = await reader.ReadToEndAsync(cancellationToken);
        return TypedResults.Ok(await Monitor(grains, http, eventId).ImportCsvAsync(csv, cancellationToken));
    }

    private static async Task<Ok<CheckSettings>> PutSettingsAsync(string eventId, CheckSettings request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return TypedResults.Ok(await Monitor(grains, http, eventId).PutSettingsAsync(request, cancellationToken));
    }

    private static async Task<Ok<CheckSettings>> GetSettingsAsync(string eventId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        return TypedResults.Ok(await Monitor(grains, http, eventId).GetSettingsAsync(cancellationToken));
    }

    /// <summary>The caller's tenant is part of the grain key: another tenant's event id simply does not exist here.</summary>
    private static async Task<Ok<IReadOnlyList<MonitoringIncident>>> GetIncidentsAsync(string eventId, string? state, string? check, int? limit, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(eventId, "eventId");
        var errors = new Dictionary<string, string[]>();
        IncidentState? wantedState = null;
        MonitoringCheck? wantedCheck = null;
        if (state is not null)
        {
            if (Enum.TryParse<IncidentState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                wantedState = parsed;
            }
            else
            {
                errors["state"] = ["state is open or closed."];
            }
        }

        if (check is not null)
        {
            if (Enum.TryParse<MonitoringCheck>(check, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                wantedCheck = parsed;
            }
            else
            {
                errors["check"] = [$"check is one of {string.Join(", ", Enum.GetNames<MonitoringCheck>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}."];
            }
        }

        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit is 1-1000."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return TypedResults.Ok(await Monitor(grains, http, eventId).GetIncidentsAsync(wantedState, wantedCheck, limit ?? 100, cancellationToken));
    }

    private static IEventMonitorGrain Monitor(IGrainFactory grains, HttpContext http, string eventId) =>
        grains.GetGrainByKey<IEventMonitorGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), eventId));
}

/// <summary>A schedule as a broadcaster writes it.</summary>
public sealed record ScheduleRequest(List<ScheduledProgram?>? Programs);
