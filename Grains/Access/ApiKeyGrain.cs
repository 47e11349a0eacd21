using System.Security.Cryptography;
using Glance.Grains.Interfaces.Access;
namespace Glance.Grains.Access;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class ApiKeyState
{
    public string TenantId { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// Verifies presented secrets against the stored hash. Verification interleaves (it runs on every request) and reads
/// an immutable snapshot. Orleans keeps one activation per key in the cluster, so a revocation is seen by every silo
/// at once.
/// </summary>
[GrainType("api-key")]
public sealed class ApiKeyGrain([PersistentState("key")] IPersistentState<ApiKeyState> key, TimeProvider clock) : Grain, IApiKeyGrain
{
    private volatile Snapshot? snapshot;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        return Task.CompletedTask;
    }

    public Task<string?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        var current = snapshot;
        if (current is null)
        {
            // A well-formed guess at a key id: answer, then go, rather than keep an activation for every id a caller invents.
            DeactivateOnIdle();
            return Task.FromResult<string?>(null);
        }

        if (current.Revoked || current.Hash.Length == 0)
        {
            return Task.FromResult<string?>(null);
        }

        var matches = CryptographicOperations.FixedTimeEquals(ApiKeyFormat.Hash(secret), current.Hash);
        return Task.FromResult(matches ? current.TenantId : null);
    }

    public async Task InitializeAsync(string tenantId, string label, byte[] secretHash, CancellationToken cancellationToken = default)
    {
        if (key.RecordExists)
        {
            throw new InvalidOperationException($"API key {this.GetPrimaryKeyString()} exists already.");
        }

        key.State = new ApiKeyState { TenantId = tenantId, Label = label, SecretHash = secretHash, CreatedAt = clock.GetUtcNow() };
        await key.WriteStateAsync(cancellationToken);
        Publish();
    }

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        await key.UpdateAsync(
            s =>
            {
                s.RevokedAt ??= clock.GetUtcNow();
                return s;
            },
            cancellationToken);
        Publish();
    }

    private void Publish() =>
        snapshot = key.RecordExists ? new Snapshot(key.State.TenantId, key.State.SecretHash, key.State.RevokedAt is not null) : null;

    private sealed record Snapshot(string TenantId, byte[] Hash, bool Revoked);
}
