using System.Security.Cryptography;
using Glance.Grains.Interfaces.Access;
using Glance.Runtime;
using Glance.Runtime.State;

namespace Glance.Grains.Access;

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
/// an immutable snapshot; the snapshot is re-read from the store periodically, so a revocation made through another
/// silo takes effect here within <see cref="RefreshInterval"/>.
/// </summary>
[GrainType("api-key")]
public sealed class ApiKeyGrain([PersistentState("key")] IPersistentState<ApiKeyState> key, TimeProvider clock) : Grain, IApiKeyGrain
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private volatile Snapshot? snapshot;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        if (key.RecordExists)
        {
            StartRefreshing();
        }

        return Task.CompletedTask;
    }

    public Task<string?> VerifyAsync(string secret, CancellationToken cancellationToken = default)
    {
        var current = snapshot;
        if (current is null)
        {
            // A well-formed guess at a key id: answer, then go, rather than keep an activation (and, were it a real
            // key, a refresh timer) for every id a caller invents.
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
            throw new InvalidOperationException($"API key {GetPrimaryKeyString()} exists already.");
        }

        key.State = new ApiKeyState { TenantId = tenantId, Label = label, SecretHash = secretHash, CreatedAt = clock.GetUtcNow() };
        await key.WriteStateAsync(cancellationToken);
        Publish();
        StartRefreshing();
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

    private void StartRefreshing() =>
        RegisterGrainTimer(
            async token =>
            {
                await key.ReadStateAsync(token);
                Publish();
            },
            RefreshInterval,
            RefreshInterval);

    private void Publish() =>
        snapshot = key.RecordExists ? new Snapshot(key.State.TenantId, key.State.SecretHash, key.State.RevokedAt is not null) : null;

    private sealed record Snapshot(string TenantId, byte[] Hash, bool Revoked);
}
