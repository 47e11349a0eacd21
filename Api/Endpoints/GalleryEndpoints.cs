using Glance.Grains.Interfaces.Gallery;
using static Glance.Api.Endpoints.GalleryUploadReader;

namespace Glance.Api.Endpoints;

/// <summary>
/// The broadcaster's gallery: known people (face reference images), logos, teams and custom classifiers, each kind
/// mapped by <see cref="MapKind"/> from its <see cref="GalleryRoute"/>. Uploads come as multipart/form-data (fields and
/// image files) or as JSON with base64 images. An upload with images is checked (name, counts, sizes, image headers),
/// stored, and answered 202 Accepted with the location of its job, which describes faces, prepares the logo or trains
/// the classifier off the request; the item appears when the job succeeds. A change without images (a new name, a
/// team) is made at once (200 or 201). Image bytes are never echoed back, and not kept after their job.
/// </summary>
public static class GalleryEndpoints
{
    public const int MaxPageSize = 100;

    /// <summary>Clients that retry an upload send the same key to be sure it is worked on once (the content is used otherwise).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int MaxIdempotencyKeyLength = 200;

    private static readonly GalleryRoute People = new(
        GalleryKind.Person, "people", "People", "personId", "known people", "a known person",
        "Read a known person (name, number of reference images)",
        "Create or replace a known person from reference photos",
        "Each reference image (JPEG, PNG, GIF, BMP or WebP) gives the descriptor of its largest face; a face on air within the event's match distance (0.5 by default) of one of them is reported as this person. With images the answer is 202 and a job (poll its Location) describes the faces; without, when the person exists, only the name changes (200).",
        HasJobs: true);

    private static readonly GalleryRoute Logos = new(
        GalleryKind.Logo, "logos", "Logos", "logoId", "logos", "a logo",
        "Read a logo (name, template size)",
        "Create or replace a station or team logo",
        "The image shows the logo at its size in a 720p frame, or give widthOnAir (pixels in a 720p frame) to have it scaled down. Plain background around the logo is ignored when matching. With an image the answer is 202 and a job (poll its Location) prepares the template; without, when the logo exists, only the name changes (200).",
        HasJobs: true,
        DeleteDescription: "A logo still named by a team answers 409; change or delete the team first.");

    private static readonly GalleryRoute Teams = new(
        GalleryKind.Team, "teams", "Teams", "teamId", "teams", "a team",
        "Read a team",
        "Create or replace a team",
        "A team is recognized by its name, abbreviations and nicknames in on-screen text, and by its logo (a logo of this gallery). It is usable at once (201 or 200).",
        HasJobs: false);

    private static readonly GalleryRoute Classifiers = new(
        GalleryKind.Classifier, "classifiers", "Classifiers", "classifierId", "custom classifiers", "a custom classifier",
        "Read a custom classifier (classes, examples per class, training accuracy)",
        "Train and store a custom image classifier (for example sport type) from labelled frames",
        "At least two classes with at least two examples each. With examples the answer is 202 and a job (poll its Location) trains the classifier, a second or so per example on a small machine; without, when the classifier exists, only the name changes (200).",
        HasJobs: true);

    public static IEndpointRouteBuilder MapGalleryEndpoints(this IEndpointRouteBuilder routes)
    {
        var uploadLimit = routes.ServiceProvider.GetRequiredService<IOptions<AccessOptions>>().Value.MaxImageUploadBytes;

        routes.MapKind<IPersonGrain, PersonDefinition, PersonView, GalleryPerson>(People, PutPersonAsync)
            .AcceptsImageUploads(uploadLimit)
            .Accepts<PersonUpload>(Json, Multipart)
            .DescribeMultipart(
                "Fields: name; images: one file part per reference image.",
                new FormField("name", "The person's name.", Required: true),
                new FormField("images", "A reference photo (JPEG, PNG, ...); repeat the part for more.", IsFile: true, Repeated: true));
        routes.MapKind<ILogoGrain, LogoDefinition, LogoView, GalleryLogo>(Logos, PutLogoAsync)
            .AcceptsImageUploads(uploadLimit)
            .Accepts<LogoUpload>(Json, Multipart)
            .DescribeMultipart(
                "Fields: name, optional widthOnAir; image: the logo file.",
                new FormField("name", "The logo's name.", Required: true),
                new FormField("image", "The logo (PNG with transparency or on a plain background is best).", IsFile: true),
                new FormField("widthOnAir", "The logo's width in pixels in a 720p frame (optional).", IsInteger: true));
        routes.MapKind<ITeamGrain, TeamDefinition, TeamView, GalleryTeam>(Teams, PutTeamAsync);
        routes.MapKind<IClassifierGrain, ClassifierDefinition, ClassifierView, GalleryClassifier>(Classifiers, PutClassifierAsync)
            .AcceptsImageUploads(uploadLimit)
            .Accepts<ClassifierUpload>(Json, Multipart)
            .DescribeMultipart(
                "Fields: name; for each example i = 0, 1, 2, ...: examples[i].label (text) and examples[i].image (file).",
                new FormField("name", "The classifier's name.", Required: true),
                new FormField("examples[0].label", "The class example 0 shows; number further examples 1, 2, ..."),
                new FormField("examples[0].image", "Example 0's frame (JPEG, PNG, ...).", IsFile: true));
        return routes;
    }

    /// <summary>
    /// Maps one kind: list, read, write (<paramref name="put"/>), delete and, for kinds made from images, the job status.
    /// Handlers read the item id from the route by the kind's parameter name, so that every kind keeps its own name in
    /// the URL template and in errors.
    /// </summary>
    /// <returns>The write's builder, for what only that kind's uploads need (body types, size limit).</returns>
    private static RouteHandlerBuilder MapKind<TGrain, TDefinition, TView, TKnown>(this IEndpointRouteBuilder routes, GalleryRoute route, Delegate put)
        where TGrain : IGalleryItemGrain<TDefinition, TView, TKnown>
        where TView : class
        where TKnown : class
    {
        var group = routes.MapGroup($"/v1/{route.Collection}").WithTags(route.Tag).RequireAuthorization(AccessPolicies.Broadcaster).DescribesItemId(route);
        group.MapGet("/", (HttpContext http, IGrainFactory grains, string? after, int? limit, CancellationToken cancellationToken) =>
                ListAsync(http, grains, route.Kind, after, limit, cancellationToken))
            .WithSummary($"List {route.Plural}, ordered by id, a page at a time")
            .Produces<GalleryPage>()
            .ProducesValidationProblem();
        group.MapGet(route.ItemPattern, async (HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                await Item<TGrain>(grains, http, route).GetAsync(cancellationToken) is { } view
                    ? TypedResults.Ok(view)
                    : throw new ResourceNotFoundException(route.Kind.ToString(), RouteId(http, route)))
            .WithSummary(route.ReadSummary)
            .Produces<TView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        var write = group.MapPut(route.ItemPattern, put)
            .WithSummary(route.PutSummary)
            .WithDescription(route.PutDescription)
            .ProducesGalleryWrite<TView>();
        var delete = group.MapDelete(route.ItemPattern, async (HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                await Item<TGrain>(grains, http, route).DeleteAsync(cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary($"Delete {route.Singular}")
            .ProducesGalleryDelete();
        if (route.DeleteDescription is { } deleteDescription)
        {
            delete.WithDescription(deleteDescription);
        }

        if (route.HasJobs)
        {
            write.ProducesGalleryJob();
            group.MapGet($"{route.ItemPattern}/jobs/{{jobId}}", (string jobId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                    GetJobAsync(http, grains, route, jobId, cancellationToken))
                .WithSummary($"Read the status of an upload's job for {route.Singular} (queued, running, succeeded, failed with a problem)")
                .WithDescription("Poll until the status is succeeded or failed; while it is neither, Retry-After says when to ask again. A failed job's problem is what the upload would have been answered had the work run during it.")
                .Produces<GalleryJobView>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
        }

        return write;
    }

    private static async Task<IResult> PutPersonAsync(HttpContext http, IGrainFactory grains, IOptions<GalleryOptions> options, CancellationToken cancellationToken)
    {
        var person = Item<IPersonGrain>(grains, http, People);
        var settings = options.Value;
        string? name;
        IReadOnlyList<ImageUpload> images;
        if (IsMultipart(http.Request))
        {
            var form = await ReadMultipartAsync(http.Request, settings.MaxReferenceImages, MaxTextFields, settings, cancellationToken);
            form.AllowOnly(["name"], ["images", "images[]"]);
            name = form.Text("name");
            images = form.Files;
        }
        else
        {
            var body = await ReadJsonAsync<PersonUpload>(http.Request, cancellationToken);
            name = body.Name;
            images = JsonImages(body.Images ?? [], "images", settings.MaxReferenceImages, settings);
        }

        RequireName(name);
        return await WriteAsync(http, grains, People, person, new GalleryUpload(GalleryKind.Person, RouteId(http, People), name!, images, []), new PersonDefinition(name!, null), cancellationToken);
    }

    private static async Task<IResult> PutLogoAsync(HttpContext http, IGrainFactory grains, IOptions<GalleryOptions> options, CancellationToken cancellationToken)
    {
        var logo = Item<ILogoGrain>(grains, http, Logos);
        var settings = options.Value;
        string? name;
        ImageUpload? image;
        int? widthOnAir;
        if (IsMultipart(http.Request))
        {
            var form = await ReadMultipartAsync(http.Request, 1, MaxTextFields, settings, cancellationToken);
            form.AllowOnly(["name", "widthOnAir"], ["image"]);
            name = form.Text("name");
            image = form.Files.FirstOrDefault();
            widthOnAir = form.Text("widthOnAir") is { } width
                ? int.TryParse(width, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                    ? parsed
                    : throw new ValidationFailedException("widthOnAir", "The on-air width is a positive whole number of pixels.")
                : null;
        }
        else
        {
            var body = await ReadJsonAsync<LogoUpload>(http.Request, cancellationToken);
            name = body.Name;
            image = body.Image is null ? null : JsonImages([body.Image], "image", 1, settings)[0] with { Field = "image" };
            widthOnAir = body.WidthOnAir;
        }

        RequireName(name);
        if (image is null && widthOnAir is not null)
        {
            throw new ValidationFailedException("widthOnAir", "An on-air width goes with an image.");
        }

        var upload = new GalleryUpload(GalleryKind.Logo, RouteId(http, Logos), name!, image is null ? [] : [image], [], widthOnAir);
        return await WriteAsync(http, grains, Logos, logo, upload, new LogoDefinition(name!, null), cancellationToken);
    }

    private static async Task<IResult> PutTeamAsync(TeamRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var team = Item<ITeamGrain>(grains, http, Teams);
        var definition = new TeamDefinition(request.Name, request.Abbreviations ?? [], request.Nicknames ?? [], request.LogoId);
        var (view, created) = await team.PutAsync(definition, cancellationToken: cancellationToken);
        return Saved(created, Teams.ItemPath(RouteId(http, Teams)), view);
    }

    private static async Task<IResult> PutClassifierAsync(HttpContext http, IGrainFactory grains, IOptions<GalleryOptions> options, CancellationToken cancellationToken)
    {
        var classifier = Item<IClassifierGrain>(grains, http, Classifiers);
        var settings = options.Value;
        string? name;
        List<LabelledUpload> examples;
        if (IsMultipart(http.Request))
        {
            var form = await ReadMultipartAsync(http.Request, settings.MaxClassifierExamples, MaxTextFields + settings.MaxClassifierExamples, settings, cancellationToken);
            name = form.Text("name");
            examples = MultipartExamples(form, settings.MaxClassifierExamples);
        }
        else
        {
            var body = await ReadJsonAsync<ClassifierUpload>(http.Request, cancellationToken);
            name = body.Name;
            var list = body.Examples ?? [];
            if (list.Any(e => e is null))
            {
                throw new ValidationFailedException("examples", "Every example is an object with a label and an image.");
            }

            var images = JsonImages([.. list.Select(e => e.Image)], "examples", settings.MaxClassifierExamples, settings);
            examples = [.. list.Select((e, i) => new LabelledUpload($"examples[{i}].image", e.Label, images[i].Content))];
        }

        RequireName(name);
        var upload = new GalleryUpload(
            GalleryKind.Classifier, RouteId(http, Classifiers), name!, [.. examples.Select(e => new ImageUpload(e.Field, e.Content))], [.. examples.Select(e => e.Label)]);
        return await WriteAsync(http, grains, Classifiers, classifier, upload, new ClassifierDefinition(name!, null), cancellationToken);
    }

    /// <summary>
    /// An upload without images changes the name at once (the item must exist); one with images is handed to its job,
    /// found again by the Idempotency-Key or the content when the request is retried.
    /// </summary>
    private static async Task<IResult> WriteAsync<TDefinition, TView, TKnown>(
        HttpContext http,
        IGrainFactory grains,
        GalleryRoute route,
        IGalleryItemGrain<TDefinition, TView, TKnown> item,
        GalleryUpload upload,
        TDefinition nameOnly,
        CancellationToken cancellationToken)
        where TView : class
        where TKnown : class
    {
        if (upload.Images.Count == 0)
        {
            var (view, created) = await item.PutAsync(nameOnly, cancellationToken: cancellationToken);
            return Saved(created, route.ItemPath(upload.ItemId), view);
        }

        var jobId = upload.JobId(IdempotencyKey(http.Request));
        var job = await grains.GetGrainByKey<IGalleryJobGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), jobId)).SubmitAsync(upload, cancellationToken);
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Accepted(route.JobPath(upload.ItemId, jobId), job);
    }

    private static async Task<IResult> GetJobAsync(HttpContext http, IGrainFactory grains, GalleryRoute route, string jobId, CancellationToken cancellationToken)
    {
        var itemId = RouteId(http, route);
        Ids.Require(jobId, "jobId");
        var job = await grains.GetGrainByKey<IGalleryJobGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), jobId)).GetAsync(cancellationToken);
        if (job is null || job.Kind != route.Kind || job.ItemId != itemId)
        {
            throw new ResourceNotFoundException("Job", jobId);
        }

        if (job.Status is GalleryJobStatus.Queued or GalleryJobStatus.Running)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        return TypedResults.Ok(job);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains, GalleryKind kind, string? after, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"A page holds 1 to {MaxPageSize} items.");
        }

        var page = await grains.GetGrainByKey<IGalleryGrain>(http.User.RequiredTenantId()).ListAsync(kind, after, size + 1, cancellationToken);
        var items = page.Take(size).Select(e => new GalleryListItem(e.Id, e.Name, e.UpdatedAt)).ToList();
        return TypedResults.Ok(new GalleryPage(items, page.Count > size ? items[^1].Id : null));
    }

    /// <summary>The item's id from the route, checked against the public id pattern.</summary>
    private static string RouteId(HttpContext http, GalleryRoute route)
    {
        var id = http.GetRouteValue(route.IdName) as string;
        Ids.Require(id, route.IdName);
        return id!;
    }

    /// <summary>The caller's tenant is part of the grain key: another tenant's id simply does not exist here (404, not 403).</summary>
    private static TGrain Item<TGrain>(IGrainFactory grains, HttpContext http, GalleryRoute route)
        where TGrain : IGrainWithStringKey =>
        grains.GetGrainByKey<TGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), RouteId(http, route)));

    private static string? IdempotencyKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        var key = values.ToString();
        return values.Count == 1 && key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is >= '!' and <= '~')
            ? key
            : throw new ValidationFailedException(IdempotencyKeyHeader, $"An Idempotency-Key is one value of 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces.");
    }

    private static IResult Saved<TView>(bool created, string location, TView view) =>
        created ? TypedResults.Created(location, view) : TypedResults.Ok(view);

    /// <summary>Checked before any image work, so a forgotten name does not cost a face search first.</summary>
    private static void RequireName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationFailedException("name", "A name is required.");
        }
    }
}
