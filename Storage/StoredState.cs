namespace Glance.Storage;

/// <param name="Data">The serialized state (UTF-8 JSON in practice; the store treats it as opaque bytes).</param>
/// <param name="ETag">Opaque version; pass it back to write or clear conditionally.</param>
public sealed record StoredState(ReadOnlyMemory<byte> Data, string ETag);
