using Glance.Grains.Interfaces.Access;
namespace Glance.Grains.Access;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class TenantState
{
    public string Name { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public List<ApiKeyInfo> Keys { get; set; } = [];
}

/// <summary>A broadcaster and the keys it holds.</summary>
[GrainType("tenant")]
public sealed class TenantGrain([PersistentState("tenant")] IPersistentState<TenantState> tenant, TimeProvider clock) : Grain, ITenantGrain
{
    public async Task<TenantInfo> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (tenant.RecordExists)
        {
            throw new ResourceConflictException($"Tenant '{this.GetPrimaryKeyString()}' exists already.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new ValidationFailedException("name", "A tenant name is required and at most 200 characters long.");
        }

        tenant.State = new TenantState { Name = name.Trim(), CreatedAt = clock.GetUtcNow() };
        await tenant.WriteStateAsync(cancellationToken);
        return Info();
    }

    public Task<TenantInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(tenant.RecordExists ? Info() : null);

    public async Task<IssuedApiKey> IssueKeyAsync(string label, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (tenant.State.Keys.Count(k => k.RevokedAt is null) >= ITenantGrain.MaxActiveKeys)
        {
            throw new ResourceConflictException($"Tenant '{this.GetPrimaryKeyString()}' has {ITenantGrain.MaxActiveKeys} active keys; revoke one first.");
        }

        label = string.IsNullOrWhiteSpace(label) ? "unnamed" : label.Trim()[..Math.Min(label.Trim().Length, 100)];
        var (keyId, secret, fullKey) = ApiKeyFormat.Generate();
        await GrainFactory.GetGrainByKey<IApiKeyGrain>(keyId).InitializeAsync(this.GetPrimaryKeyString(), label, ApiKeyFormat.Hash(secret), cancellationToken);
        var info = new ApiKeyInfo(keyId, label, clock.GetUtcNow(), null);
        await tenant.UpdateAsync(
            s =>
            {
                s.Keys = [.. s.Keys.Where(k => k.RevokedAt is null || k.RevokedAt > clock.GetUtcNow().AddDays(-30)), info];
                return s;
            },
            cancellationToken);
        return new IssuedApiKey(keyId, fullKey, label, info.CreatedAt);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<ApiKeyInfo>>(tenant.State.Keys.ToList());
    }

    public async Task RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (tenant.State.Keys.All(k => k.KeyId != keyId))
        {
            throw new ResourceNotFoundException("API key", keyId);
        }

        await GrainFactory.GetGrainByKey<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await tenant.UpdateAsync(
            s =>
            {
                s.Keys = [.. s.Keys.Select(k => k.KeyId == keyId && k.RevokedAt is null ? k with { RevokedAt = now } : k)];
                return s;
            },
            cancellationToken);
    }

    private TenantInfo Info() => new(this.GetPrimaryKeyString(), tenant.State.Name, tenant.State.CreatedAt);

    private void EnsureExists()
    {
        if (!tenant.RecordExists)
        {
            throw new ResourceNotFoundException("Tenant", this.GetPrimaryKeyString());
        }
    }
}
