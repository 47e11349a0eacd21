using Microsoft.OpenApi;

namespace Glance.Api.Endpoints;

/// <summary>How the gallery's operations describe themselves in /openapi/v1.json beyond what the handlers' types say.</summary>
internal static class GalleryOpenApi
{
    public static RouteHandlerBuilder ProducesGalleryWrite<TView>(this RouteHandlerBuilder builder) =>
        builder.Produces<TView>(StatusCodes.Status200OK)
            .Produces<TView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    public static RouteHandlerBuilder ProducesGalleryDelete(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>The multipart variant of an upload, described by hand: a generated schema would show files as base64 strings.</summary>
    public static RouteHandlerBuilder DescribeMultipart(this RouteHandlerBuilder builder, string description, params FormField[] fields) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue(GalleryUploadReader.Multipart, out var media) && media is OpenApiMediaType multipart)
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

    /// <summary>
    /// Documents the item id in the path: the handlers of a kind read it from the route values by the kind's name, so no
    /// handler parameter tells the document about it.
    /// </summary>
    public static TBuilder DescribesItemId<TBuilder>(this TBuilder builder, GalleryRoute route)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var inPath = context.Description.RelativePath?.Contains($"{{{route.IdName}}}", StringComparison.Ordinal) == true;
            if (inPath && operation.Parameters?.Any(p => p.Name == route.IdName) != true)
            {
                operation.Parameters ??= [];
                operation.Parameters.Insert(0, new OpenApiParameter
                {
                    Name = route.IdName,
                    In = ParameterLocation.Path,
                    Required = true,
                    Description = $"The id of {route.Singular} within the caller's tenant.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = Glance.Grains.Interfaces.Common.ResourceId.Pattern },
                });
            }

            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder ProducesGalleryJob(this RouteHandlerBuilder builder) =>
        builder.Produces<Glance.Grains.Interfaces.Gallery.GalleryJobView>(StatusCodes.Status202Accepted);
}

/// <summary>One field of a multipart upload as the OpenAPI document shows it.</summary>
internal sealed record FormField(string Name, string Description, bool IsFile = false, bool Repeated = false, bool Required = false, bool IsInteger = false);
