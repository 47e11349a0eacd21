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

/// <summary>
/// Token-bucket limits per caller: per broadcaster key, per viewer, per client address when anonymous. Each bucket holds
/// up to its burst and refills by its rate once per <see cref="Period"/>; the rates are named per second because that is
/// the period unless an operator sets another.
/// </summary>
public sealed class RateLimits
{
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether every rate and burst is at least 1 and the period between 100 ms and a day.</summary>
    public bool IsValid =>
        Period >= TimeSpan.FromMilliseconds(100) && Period <= TimeSpan.FromDays(1)
        && new[] { BroadcasterPerSecond, BroadcasterBurst, ViewerPerSecond, ViewerBurst, AnonymousPerSecond, AnonymousBurst }.All(v => v >= 1);

    public int BroadcasterPerSecond { get; set; } = 100;

    public int BroadcasterBurst { get; set; } = 200;

    public int ViewerPerSecond { get; set; } = 20;

    public int ViewerBurst { get; set; } = 40;

    public int AnonymousPerSecond { get; set; } = 10;

    public int AnonymousBurst { get; set; } = 20;
}
