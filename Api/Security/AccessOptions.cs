namespace Glance.Api.Security;

/// <summary>Secrets and limits of the access layer. Bound to "Access".</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>
    /// The bootstrap administrator key (creates tenants and their first key). Embedded runs generate one at start-up
    /// and print it when this is empty; a cluster refuses to start without it.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// HMAC keys for viewer tokens. The first signs new tokens; all verify, so a key can be rotated in before it signs
    /// and kept for a token lifetime after it stops signing.
    /// </summary>
    public List<SigningKey> ViewerTokenKeys { get; set; } = [];

    /// <summary>Default lifetime of a viewer token.</summary>
    public TimeSpan ViewerTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest lifetime a broadcaster may ask for.</summary>
    public TimeSpan MaxViewerTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Clock skew tolerated when checking a token's times.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public RateLimits RateLimits { get; set; } = new();

    /// <summary>Largest request body for ordinary endpoints; image uploads have their own limit.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request body for endpoints that accept images (galleries, logos, classifiers).</summary>
    public long MaxImageUploadBytes { get; set; } = 16 * 1024 * 1024;
}

/// <param name="Secret">Base64 of at least 32 random bytes.</param>
public sealed record SigningKey(string Id, string Secret);

/// <summary>Token-bucket limits per caller: per broadcaster key, per viewer, per client address when anonymous.</summary>
public sealed class RateLimits
{
    public int BroadcasterPerSecond { get; set; } = 100;

    public int BroadcasterBurst { get; set; } = 200;

    public int ViewerPerSecond { get; set; } = 20;

    public int ViewerBurst { get; set; } = 40;

    public int AnonymousPerSecond { get; set; } = 10;

    public int AnonymousBurst { get; set; } = 20;
}
