using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Api.Security;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Gallery;
using Orleans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Glance.Api.Endpoints;

/// <summary>
/// The broadcaster's gallery: known people (face reference images), logos, teams and custom classifiers. Uploads come
/// as multipart/form-data (fields and image files) or as JSON with base64 images; images are turned into descriptors,
/// templates and models here and never stored or echoed back.
/// </summary>
public static partial class GalleryEndpoints
{
    public const int MaxPageSize = 100;

    private const string Json = "application/json";
    private const string Multipart = "multipart/form-data";

    /// <summary>Text fields of a multipart upload (names, labels, numbers) are short and few.</summary>
    private const int MaxTextFieldBytes = 4 * 1024;

    private const int MaxTextFields = 8;

    public static IEndpointRouteBuilder MapGalleryEndpoints(this IEndpointRouteBuilder routes)
    {
        var uploadLimit = routes.ServiceProvider.GetRequiredService<IOptions<AccessOptions>>().Value.MaxImageUploadBytes;

        var people = routes.MapGroup("/v1/people").WithTags("People").RequireAuthorization(AccessPolicies.Broadcaster);
        people.MapGet("/", (HttpContext http, IGrainFactory grains, string? after, int? limit, CancellationToken cancellationToken) =>
                ListAsync(http, grains, GalleryKind.Person, after, limit, cancellationToken))
            .WithSummary("List known people, ordered by id, a page at a time")
            .Produces<GalleryPage>()
            .ProducesValidationProblem();
        people.MapGet("/{personId}", (string personId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                GetAsync(Item<IPersonGrain>(grains, http, personId, "personId"), GalleryKind.Person, personId, cancellationToken))
            .WithSummary("Read a known person (name, number of reference images)")
            .Produces<PersonView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        people.MapPut("/{personId}", PutPersonAsync)
            .WithSummary("Create or replace a known person from reference photos")
            .WithDescription("Each reference image (JPEG, PNG, ...) gives the descriptor of its largest face; a face on air within the event's match distance (0.5 by default) of one of them is reported as this person. Images may be left out when the person exists (only the name changes).")
            .AcceptsImageUploads(uploadLimit)
            .Accepts<PersonUpload>(Json, Multipart)
            .DescribeMultipart(
                "Fields: name; images: one file part per reference image.",
                new FormField("name", "The person's name.", Required: true),
                new FormField("images", "A reference photo (JPEG, PNG, ...); repeat the part for more.", IsFile: true, Repeated: true))
            .ProducesGalleryWrite<PersonView>();
        people.MapDelete("/{personId}", (string personId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                DeleteAsync(Item<IPersonGrain>(grains, http, personId, "personId"), cancellationToken))
            .WithSummary("Delete a known person")
            .ProducesGalleryDelete();

        var logos = routes.MapGroup("/v1/logos").WithTags("Logos").RequireAuthorization(AccessPolicies.Broadcaster);
        logos.MapGet("/", (HttpContext http, IGrainFactory grains, string? after, int? limit, CancellationToken cancellationToken) =>
                ListAsync(http, grains, GalleryKind.Logo, after, limit, cancellationToken))
            .WithSummary("List logos, ordered by id, a page at a time")
            .Produces<GalleryPage>()
            .ProducesValidationProblem();
        logos.MapGet("/{logoId}", (string logoId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                GetAsync(Item<ILogoGrain>(grains, http, logoId, "logoId"), GalleryKind.Logo, logoId, cancellationToken))
            .WithSummary("Read a logo (name, template size)")
            .Produces<LogoView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        logos.MapPut("/{logoId}", PutLogoAsync)
            .WithSummary("Create or replace a station or team logo")
            .WithDescription("The image shows the logo at its size in a 720p frame, or give widthOnAir (pixels in a 720p frame) to have it scaled down. Plain background around the logo is ignored when matching. The image may be left out when the logo exists (only the name changes).")
            .AcceptsImageUploads(uploadLimit)
            .Accepts<LogoUpload>(Json, Multipart)
            .DescribeMultipart(
                "Fields: name, optional widthOnAir; image: the logo file.",
                new FormField("name", "The logo's name.", Required: true),
                new FormField("image", "The logo (PNG with transparency or on a plain background is best).", IsFile: true),
                new FormField("widthOnAir", "The logo's width in pixels in a 720p frame (optional).", IsInteger: true))
            .ProducesGalleryWrite<LogoView>();
        logos.MapDelete("/{logoId}", (string logoId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                DeleteAsync(Item<ILogoGrain>(grains, http, logoId, "logoId"), cancellationToken))
            .WithSummary("Delete a logo")
            .WithDescription("A logo still named by a team answers 409; change or delete the team first.")
            .ProducesGalleryDelete();

        var teams = routes.MapGroup("/v1/teams").WithTags("Teams").RequireAuthorization(AccessPolicies.Broadcaster);
        teams.MapGet("/", (HttpContext http, IGrainFactory grains, string? after, int? limit, CancellationToken cancellationToken) =>
                ListAsync(http, grains, GalleryKind.Team, after, limit, cancellationToken))
            .WithSummary("List teams, ordered by id, a page at a time")
            .Produces<GalleryPage>()
            .ProducesValidationProblem();
        teams.MapGet("/{teamId}", (string teamId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                GetAsync(Item<ITeamGrain>(grains, http, teamId, "teamId"), GalleryKind.Team, teamId, cancellationToken))
            .WithSummary("Read a team")
            .Produces<TeamView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapPut("/{teamId}", PutTeamAsync)
            .WithSummary("Create or replace a team")
            .WithDescription("A team is recognized by its name, abbreviations and nicknames in on-screen text, and by its logo (a logo of this gallery).")
            .ProducesGalleryWrite<TeamView>();
        teams.MapDelete("/{teamId}", (string teamId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                DeleteAsync(Item<ITeamGrain>(grains, http, teamId, "teamId"), cancellationToken))
            .WithSummary("Delete a team")
            .ProducesGalleryDelete();

        var classifiers = routes.MapGroup("/v1/classifiers").WithTags("Classifiers").RequireAuthorization(AccessPolicies.Broadcaster);
        classifiers.MapGet("/", (HttpContext http, IGrainFactory grains, string? after, int? limit, CancellationToken cancellationToken) =>
                ListAsync(http, grains, GalleryKind.Classifier, after, limit, cancellationToken))
            .WithSummary("List custom classifiers, ordered by id, a page at a time")
            .Produces<GalleryPage>()
            .ProducesValidationProblem();
        classifiers.MapGet("/{classifierId}", (string classifierId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                GetAsync(Item<IClassifierGrain>(grains, http, classifierId, "classifierId"), GalleryKind.Classifier, classifierId, cancellationToken))
            .WithSummary("Read a custom classifier (classes, examples per class, training accuracy)")
            .Produces<ClassifierView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        classifiers.MapPut("/{classifierId}", PutClassifierAsync)
            .WithSummary("Train and store a custom image classifier (for example sport type) from labelled frames")
            .WithDescription("At least two classes with at least two examples each. Training runs during the request (a second or so per example on a small machine). The examples may be left out when the classifier exists (only the name changes).")
            .AcceptsImageUploads(uploadLimit)
            .Accepts<ClassifierUpload>(Json, Multipart)
            .DescribeMultipart(
                "Fields: name; for each example i = 0, 1, 2, ...: examples[i].label (text) and examples[i].image (file).",
                new FormField("name", "The classifier's name.", Required: true),
                new FormField("examples[0].label", "The class example 0 shows; number further examples 1, 2, ..."),
                new FormField("examples[0].image", "Example 0's frame (JPEG, PNG, ...).", IsFile: true))
            .ProducesGalleryWrite<ClassifierView>();
        classifiers.MapDelete("/{classifierId}", (string classifierId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                DeleteAsync(Item<IClassifierGrain>(grains, http, classifierId, "classifierId"), cancellationToken))
            .WithSummary("Delete a custom classifier")
            .ProducesGalleryDelete();
        return routes;
    }

    private static async Task<IResult> PutPersonAsync(
        string personId,
        HttpContext http,
        IGrainFactory grains,
        IOptions<GalleryOptions> options,
        CancellationToken cancellationToken)
    {
        var person = Item<IPersonGrain>(grains, http, personId, "personId");
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
        var descriptors = images.Count > 0 ? await Media(grains).DescribeFacesAsync(images, cancellationToken) : null;
        var (view, created) = await person.PutAsync(new PersonDefinition(name!, descriptors), cancellationToken);
        return Saved(created, $"/v1/people/{personId}", view);
    }

    private static async Task<IResult> PutLogoAsync(
        string logoId,
        HttpContext http,
        IGrainFactory grains,
        IOptions<GalleryOptions> options,
        CancellationToken cancellationToken)
    {
        var logo = Item<ILogoGrain>(grains, http, logoId, "logoId");
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

        var template = image is null ? null : await Media(grains).PrepareLogoAsync(image, widthOnAir, cancellationToken);
        var (view, created) = await logo.PutAsync(new LogoDefinition(name!, template), cancellationToken);
        return Saved(created, $"/v1/logos/{logoId}", view);
    }

    private static async Task<IResult> PutTeamAsync(string teamId, TeamRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var team = Item<ITeamGrain>(grains, http, teamId, "teamId");
        var definition = new TeamDefinition(request.Name, request.Abbreviations ?? [], request.Nicknames ?? [], request.LogoId);
        var (view, created) = await team.PutAsync(definition, cancellationToken);
        return Saved(created, $"/v1/teams/{teamId}", view);
    }

    private static async Task<IResult> PutClassifierAsync(
        string classifierId,
        HttpContext http,
        IGrainFactory grains,
        IOptions<GalleryOptions> options,
        CancellationToken cancellationToken)
    {
        var classifier = Item<IClassifierGrain>(grains, http, classifierId, "classifierId");
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
        var model = examples.Count > 0
            ? await Media(grains).TrainClassifierAsync(classifierId, examples, cancellationToken)
            : null;
        var (view, created) = await classifier.PutAsync(new ClassifierDefinition(name!, model), cancellationToken);
        return Saved(created, $"/v1/classifiers/{classifierId}", view);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains, GalleryKind kind, string? after, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"A page holds 1 to {MaxPageSize} items.");
        }

        var page = await grains.GetGrain<IGalleryGrain>(http.User.RequiredTenantId()).ListAsync(kind, after, size + 1, cancellationToken);
        var items = page.Take(size).Select(e => new GalleryListItem(e.Id, e.Name, e.UpdatedAt)).ToList();
        return TypedResults.Ok(new GalleryPage(items, page.Count > size ? items[^1].Id : null));
    }

    private static async Task<IResult> GetAsync<TDefinition, TView, TKnown>(
        IGalleryItemGrain<TDefinition, TView, TKnown> item, GalleryKind kind, string id, CancellationToken cancellationToken)
        where TView : class
        where TKnown : class =>
        await item.GetAsync(cancellationToken) is { } view ? TypedResults.Ok(view) : throw new ResourceNotFoundException(kind.ToString(), id);

    private static async Task<IResult> DeleteAsync<TDefinition, TView, TKnown>(IGalleryItemGrain<TDefinition, TView, TKnown> item, CancellationToken cancellationToken)
        where TView : class
        where TKnown : class
    {
        await item.DeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's tenant is part of the grain key: another tenant's id simply does not exist here (404, not 403).</summary>
    private static TGrain Item<TGrain>(IGrainFactory grains, HttpContext http, string id, string field)
        where TGrain : IGrainWithStringKey
    {
        Ids.Require(id, field);
        return grains.GetGrain<TGrain>(ResourceId.Scoped(http.User.RequiredTenantId(), id));
    }

    private static IGalleryMediaGrain Media(IGrainFactory grains) => grains.GetGrain<IGalleryMediaGrain>(0);

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

    private static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals(Multipart, StringComparison.OrdinalIgnoreCase);

    private static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException($"Send the upload as {Json} (images in base64) or as {Multipart} (image files).", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await request.ReadFromJsonAsync<T>(options, cancellationToken) ?? throw new ValidationFailedException("body", "The body is empty.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The JSON body cannot be read.", StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>Base64 images from a JSON body, checked against the same bounds as multipart files.</summary>
    private static List<ImageUpload> JsonImages(IReadOnlyList<byte[]?> images, string field, int maxImages, GalleryOptions settings)
    {
        if (images.Count > maxImages)
        {
            throw new ValidationFailedException(field, $"At most {maxImages} images are accepted in one request; {images.Count} were given.");
        }

        var uploads = new List<ImageUpload>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var name = $"{field}[{i}]";
            var image = images[i] is { Length: > 0 } bytes ? bytes : throw new ValidationFailedException(name, "The image is empty.");
            if (image.Length > settings.MaxImageBytes)
            {
                throw TooLarge(name, settings.MaxImageBytes);
            }

            uploads.Add(new ImageUpload(name, image));
        }

        return uploads;
    }

    private static List<LabelledUpload> MultipartExamples(MultipartUpload form, int maxExamples)
    {
        var labels = new SortedDictionary<int, string>();
        foreach (var (field, value) in form.Fields)
        {
            if (field == "name")
            {
                continue;
            }

            labels[ExampleIndex(field, "label", maxExamples)] = value;
        }

        var images = new SortedDictionary<int, ImageUpload>();
        foreach (var file in form.Files)
        {
            images[ExampleIndex(file.Field, "image", maxExamples)] = file;
        }

        var unmatched = labels.Keys.Except(images.Keys).Concat(images.Keys.Except(labels.Keys)).Order().Take(3).ToList();
        if (unmatched.Count > 0)
        {
            throw new ValidationFailedException("examples", $"Every example needs both examples[i].label and examples[i].image; incomplete: {string.Join(", ", unmatched.Select(i => $"examples[{i}]"))}.");
        }

        return [.. images.Select(p => new LabelledUpload(p.Value.Field, labels[p.Key], p.Value.Content))];
    }

    private static int ExampleIndex(string field, string part, int maxExamples)
    {
        var match = ExampleField().Match(field);
        if (!match.Success || match.Groups[2].Value != part)
        {
            throw new ValidationFailedException(field, $"Unexpected field '{field}': expected name, examples[i].label (text) and examples[i].image (file).");
        }

        var index = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        return index < maxExamples
            ? index
            : throw new ValidationFailedException(field, $"Examples are numbered from 0 to {maxExamples - 1}.");
    }

    /// <summary>
    /// Reads a multipart/form-data body as it streams in, without temporary files: at most <paramref name="maxTextFields"/>
    /// text fields of up to 4 KB, and at most <paramref name="maxFiles"/> files of at most <see cref="GalleryOptions.MaxImageBytes"/> each.
    /// </summary>
    private static async Task<MultipartUpload> ReadMultipartAsync(HttpRequest request, int maxFiles, int maxTextFields, GalleryOptions settings, CancellationToken cancellationToken)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new ValidationFailedException("body", "A multipart/form-data body needs a boundary of at most 200 characters.");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<ImageUpload>();
        var filesPerField = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 and <= 100 } name)
                {
                    throw new ValidationFailedException("body", "Every part needs 'Content-Disposition: form-data' with a name of at most 100 characters.");
                }

                if (disposition.IsFileDisposition())
                {
                    if (files.Count == maxFiles)
                    {
                        throw new ValidationFailedException(name, $"At most {maxFiles} image{(maxFiles == 1 ? " is" : "s are")} accepted in one request.");
                    }

                    var bare = name.EndsWith("[]", StringComparison.Ordinal) ? name[..^2] : name;
                    var ordinal = filesPerField[bare] = filesPerField.GetValueOrDefault(bare) + 1;
                    var field = bare.Contains('[', StringComparison.Ordinal) || maxFiles == 1 ? bare : $"{bare}[{ordinal - 1}]";
                    var content = await ReadBoundedAsync(section.Body, settings.MaxImageBytes, () => TooLarge(field, settings.MaxImageBytes), cancellationToken);
                    files.Add(new ImageUpload(field, content));
                }
                else
                {
                    if (fields.Count == maxTextFields || fields.ContainsKey(name))
                    {
                        throw new ValidationFailedException(name, fields.ContainsKey(name) ? $"The field '{name}' is given twice." : "Too many text fields.");
                    }

                    var text = await ReadBoundedAsync(
                        section.Body,
                        MaxTextFieldBytes,
                        () => new ValidationFailedException(name, $"A text field holds at most {MaxTextFieldBytes} bytes."),
                        cancellationToken);
                    fields[name] = Encoding.UTF8.GetString(text);
                }
            }
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            throw new ValidationFailedException("body", $"The multipart body is malformed: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw new ValidationFailedException("body", $"The multipart body is malformed: {e.Message}");
        }

        return new MultipartUpload(fields, files);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, int maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (content.Length + read > maxBytes)
                {
                    throw tooLarge();
                }

                content.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return content.ToArray();
    }

    private static BadHttpRequestException TooLarge(string field, int maxBytes) =>
        new($"The image in '{field}' is larger than {maxBytes:N0} bytes, the most accepted per image.", StatusCodes.Status413PayloadTooLarge);

    private static RouteHandlerBuilder ProducesGalleryWrite<TView>(this RouteHandlerBuilder builder) =>
        builder.Produces<TView>(StatusCodes.Status200OK)
            .Produces<TView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static RouteHandlerBuilder ProducesGalleryDelete(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The multipart variant of an upload, described by hand: a generated schema would show files as base64 strings.</summary>
    private static RouteHandlerBuilder DescribeMultipart(this RouteHandlerBuilder builder, string description, params FormField[] fields) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue(Multipart, out var media) && media is OpenApiMediaType multipart)
            {
                multipart.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = description,
                    Required = fields.Where(f => f.Required).Select(f => f.Name).ToHashSet(StringComparer.Ordinal),
                    Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)FieldSchema(f), StringComparer.Ordinal),
                };
            }

            return Task.CompletedTask;
        });

    private static OpenApiSchema FieldSchema(FormField field)
    {
        var single = new OpenApiSchema
        {
            Type = field.IsInteger ? JsonSchemaType.Integer : JsonSchemaType.String,
            Format = field.IsFile ? "binary" : null,
            Description = field.Description,
        };
        return field.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = single, Description = field.Description } : single;
    }

    [GeneratedRegex(@"^examples\[(\d{1,4})\]\.(label|image)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExampleField();

    private sealed record FormField(string Name, string Description, bool IsFile = false, bool Repeated = false, bool Required = false, bool IsInteger = false);

    private sealed record MultipartUpload(IReadOnlyDictionary<string, string> Fields, IReadOnlyList<ImageUpload> Files)
    {
        public string? Text(string name) => Fields.GetValueOrDefault(name);

        /// <summary>Refuses fields the endpoint does not know, so that a misspelt field is an error rather than ignored.</summary>
        public void AllowOnly(IReadOnlyCollection<string> textFields, IReadOnlyCollection<string> fileFields)
        {
            var expected = $"expected {string.Join(", ", textFields)} (text) and {string.Join(", ", fileFields)} (file)";
            foreach (var field in Fields.Keys.Where(f => !textFields.Contains(f)))
            {
                throw new ValidationFailedException(field, $"Unexpected field '{field}': {expected}.");
            }

            foreach (var file in Files.Where(f => !fileFields.Any(allowed => f.Field == allowed || f.Field.StartsWith(allowed.TrimEnd('[', ']') + "[", StringComparison.Ordinal))))
            {
                throw new ValidationFailedException(file.Field, $"Unexpected file '{file.Field}': {expected}.");
            }
        }
    }
}

/// <summary>A known person as JSON: the name and reference photos in base64 (JPEG, PNG, ...).</summary>
/// <param name="Images">Leave out to keep the stored reference images (only when the person exists).</param>
public sealed record PersonUpload(string Name, IReadOnlyList<byte[]?>? Images = null);

/// <summary>A logo as JSON: the name and the image in base64.</summary>
/// <param name="Image">Leave out to keep the stored template (only when the logo exists).</param>
/// <param name="WidthOnAir">The logo's width in pixels in a 720p frame; the image is scaled down to it.</param>
public sealed record LogoUpload(string Name, byte[]? Image = null, int? WidthOnAir = null);

/// <param name="LogoId">A logo of this gallery (PUT /v1/logos/{logoId} first).</param>
public sealed record TeamRequest(string Name, List<string>? Abbreviations = null, List<string>? Nicknames = null, string? LogoId = null);

/// <summary>A custom classifier as JSON: the name and labelled example frames in base64.</summary>
/// <param name="Examples">Leave out to keep the stored model (only when the classifier exists).</param>
public sealed record ClassifierUpload(string Name, IReadOnlyList<ClassifierExample>? Examples = null);

public sealed record ClassifierExample(string Label, byte[] Image);

public sealed record GalleryListItem(string Id, string Name, DateTimeOffset UpdatedAt);

/// <param name="Next">Pass as ?after= to read the next page; null on the last page.</param>
public sealed record GalleryPage(IReadOnlyList<GalleryListItem> Items, string? Next);
