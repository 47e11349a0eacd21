using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Api.Http;

/// <summary>The HTTP front end: problem details for every error, the OpenAPI document and the interactive API page.</summary>
public static class PublicApi
{
    /// <summary>Where the embedded default listens: loopback only; listening wider is the operator's explicit choice.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Where the interactive API page is served.</summary>
    public const string ApiPagePath = "/docs";

    public static WebApplicationBuilder AddPublicApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDefaults.Apply);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, ProblemResponses>());
        builder.Services.AddOpenApi("v1", options =>
        {
            OpenApiSecurity.Configure(options);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Glance live video intelligence API";
                document.Info.Version = "v1";
                document.Info.Description = "Events, schedules, galleries and instruments for broadcasters; context and engagement for viewer devices.";
                return Task.CompletedTask;
            });
        });
        builder.Services.AddOutputCache();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Missing or null required values fail binding with a message naming them, instead of reaching a handler as null.
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        return builder;
    }

    public static WebApplication UsePublicApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The document is generated from the endpoints, which do not change while the process runs: generate it once.
        app.UseOutputCache();
        app.MapOpenApi("/openapi/{documentName}.json").CacheOutput(policy => policy.Expire(TimeSpan.FromDays(1)));
        // Only requests under /docs enter the API page's middleware: it matches every request's path against its
        // regular expressions, ~1.5 % of a viewer context request's CPU (docs/benchmarks.md).
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiPagePath, StringComparison.OrdinalIgnoreCase),
            docs => docs.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/openapi/v1.json", "Glance v1");
                options.RoutePrefix = ApiPagePath[1..];
                options.DocumentTitle = "Glance API";
            }));
        return app;
    }
}
