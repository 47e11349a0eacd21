namespace Glance.Grains.Interfaces.Access;

/// <summary>One API key (key: the key id, the public part of the key). Verifies presented secrets.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <returns>The tenant the key acts for, or null when the secret is wrong, the key unknown or revoked.</returns>
    [AlwaysInterleave]
    Task<string?> VerifyAsync(string secret, CancellationToken cancellationToken = default);

    Task InitializeAsync(string tenantId, string label, byte[] secretHash, CancellationToken cancellationToken = default);

    Task RevokeAsync(CancellationToken cancellationToken = default);
}
