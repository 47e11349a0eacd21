namespace Glance.Grains.Interfaces.Access;

/// <summary>A broadcaster (tenant): its name and its API keys. Key: the tenant id.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Most keys a tenant holds unrevoked at once: rotating keys means revoking old ones, not hoarding them.</summary>
    const int MaxActiveKeys = 100;

    /// <summary>The label of the key issued with a new tenant.</summary>
    const string FirstKeyLabel = "initial";

    /// <exception cref="Common.ResourceConflictException">The tenant exists already.</exception>
    Task<TenantInfo> CreateAsync(string name, CancellationToken cancellationToken = default);

    /// <returns>The tenant, or null when it does not exist.</returns>
    Task<TenantInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Issues a new API key; its secret is in the result and nowhere else (only a hash is kept).</summary>
    /// <exception cref="Common.ResourceConflictException">The tenant holds <see cref="MaxActiveKeys"/> active keys.</exception>
    Task<IssuedApiKey> IssueKeyAsync(string label, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">No such key in this tenant.</exception>
    Task RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default);
}
