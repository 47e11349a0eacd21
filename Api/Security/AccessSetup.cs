using System.Threading.RateLimiting;
using Glance.Demo;
using Glance.Hosting;
using Glance.Hosting.Embedded;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
namespace Glance.Api.Security;

/// <summary>Registers the access layer: authentication, the three policies, per-caller rate limits and body limits.</summary>
public static class AccessSetup
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Mode ?? HostingMode.Embedded;
        var embedded = new Lazy<EmbeddedSecrets>(() => EmbeddedSecretsFor(builder.Configuration));
        builder.Services.AddOptions<AccessOptions>()
            .Bind(builder.Configuration.GetSection(AccessOptions.SectionName))
            .PostConfigure(options => FillEmbeddedSecrets(options, mode, embedded))
            .Validate(options => !string.IsNullOrEmpty(options.AdminKey), "Access:AdminKey must be configured in cluster mode (a secret of at least 32 characters).")
            .Validate(options => string.IsNullOrEmpty(options.AdminKey) || options.AdminKey.Length >= 32, "Access:AdminKey must be at least 32 characters long.")
            .Validate(options => options.AdminKey?.StartsWith(ViewerTokens.Prefix, StringComparison.Ordinal) != true, $"Access:AdminKey must not start with '{ViewerTokens.Prefix}', the start of every viewer token.")
            .Validate(options => options.ViewerTokenKeys.Count > 0, "Access:ViewerTokenKeys must list at least one signing key in cluster mode (Id and base64 Secret of at least 32 bytes).")
            .Validate(options => options.RateLimits.IsValid, "Access:RateLimits: every rate and burst must be at least 1, and Period between 00:00:00.1 and 1.00:00:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ViewerTokens>();
        builder.Services.AddSingleton<TrackingLinks>();
        builder.Services.AddSingleton<AdministratorKey>();
        builder.Services.AddAuthentication(GlanceAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, GlanceAuthenticationHandler>(GlanceAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Admin, p => p.RequireClaim(GlanceClaims.Role, GlanceClaims.AdminRole))
            .AddPolicy(AccessPolicies.Broadcaster, p => p.RequireClaim(GlanceClaims.Role, GlanceClaims.BroadcasterRole))
            .AddPolicy(AccessPolicies.Viewer, p => p.RequireClaim(GlanceClaims.Role, GlanceClaims.ViewerRole, GlanceClaims.BroadcasterRole));
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(CallerPartition);
            options.OnRejected = RejectAsync;
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(AccessOptions.SectionName).Get<AccessOptions>()?.MaxBodyBytes ?? new AccessOptions().MaxBodyBytes);
        return builder;
    }

    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        if (app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.AdminKey is { } adminKey
            && app.Configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Mode is not HostingMode.Cluster
            && string.IsNullOrEmpty(app.Configuration[$"{AccessOptions.SectionName}:AdminKey"])
            && !DemoSetup.Runs(app.Configuration))
        {
            // Credentials go to the console, once, never to the logger: log lines are shipped, kept and searched.
            var kept = EmbeddedSecretsPath(app.Configuration) is { } path ? $"kept in {path}" : "valid until it stops";
            app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Administrator key (no Access:AdminKey is configured; generated for this embedded run, {kept}): {adminKey}"));
        }

        return app;
    }

    /// <summary>Endpoints that take images accept larger bodies than the rest.</summary>
    public static TBuilder AcceptsImageUploads<TBuilder>(this TBuilder endpoint, long? maxBytes = null)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBytes ?? new AccessOptions().MaxImageUploadBytes));

    private static void FillEmbeddedSecrets(AccessOptions options, HostingMode mode, Lazy<EmbeddedSecrets> embedded)
    {
        options.ViewerTokenKeys.RemoveAll(k => string.IsNullOrEmpty(k.Id) || string.IsNullOrEmpty(k.Secret));
        if (mode == HostingMode.Cluster)
        {
            return;
        }

        // A laptop run needs no secret set-up: generate them once per data folder.
        if (string.IsNullOrEmpty(options.AdminKey))
        {
            options.AdminKey = embedded.Value.AdminKey;
        }

        if (options.ViewerTokenKeys.Count == 0)
        {
            options.ViewerTokenKeys.Add(embedded.Value.ViewerTokenKey);
        }
    }

    /// <summary>Kept beside the SQLite database; a store that forgets at exit (Memory) gets secrets that do too.</summary>
    private static EmbeddedSecrets EmbeddedSecretsFor(IConfiguration configuration) =>
        EmbeddedSecretsPath(configuration) is { } path ? EmbeddedSecrets.LoadOrCreate(path) : EmbeddedSecrets.Generate();

    /// <summary>Where the embedded secrets are kept, or null when the store is not SQLite.</summary>
    public static string? EmbeddedSecretsPath(IConfiguration configuration) =>
        EmbeddedDataFolder.Of(configuration) is { } folder ? Path.Combine(folder, EmbeddedSecrets.FileName) : null;

    private static RateLimitPartition<string> CallerPartition(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.RateLimits;
        var user = context.User;
        if (user.IsInRoleOf(GlanceClaims.AdminRole))
        {
            return RateLimitPartition.GetNoLimiter("admin");
        }

        var partition = user.FindFirst(GlanceClaims.RateLimitPartition)?.Value;
        var (key, perSecond, burst) = user switch
        {
            _ when user.IsInRoleOf(GlanceClaims.BroadcasterRole) => (partition!, limits.BroadcasterPerSecond, limits.BroadcasterBurst),
            _ when user.IsInRoleOf(GlanceClaims.ViewerRole) => (partition!, limits.ViewerPerSecond, limits.ViewerBurst),
            _ => ("ip:" + context.Connection.RemoteIpAddress, limits.AnonymousPerSecond, limits.AnonymousBurst),
        };
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = limits.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This caller's request rate is over its limit; retry after {retryAfter} s.",
            },
        });
    }
}
