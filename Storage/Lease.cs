namespace Glance.Storage;

/// <param name="Token">Fencing token: grows every time the resource changes hands.</param>
public sealed record Lease(string Resource, string Owner, long Token, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
