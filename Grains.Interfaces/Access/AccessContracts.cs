namespace Glance.Grains.Interfaces.Access;

[GenerateSerializer, Immutable]
public sealed record TenantInfo(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A key as listed: never its secret.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyInfo(string KeyId, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just issued: <see cref="Key"/> is the full secret value, shown this once.</summary>
[GenerateSerializer, Immutable]
public sealed record IssuedApiKey(string KeyId, string Key, string Label, DateTimeOffset CreatedAt);
