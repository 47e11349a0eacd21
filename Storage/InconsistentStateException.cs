namespace Glance.Storage;

/// <summary>
/// A conditional write lost: someone else (another activation, another silo) wrote since we read. Named after the
/// Orleans exception with the same meaning; the persistent-state update helper reloads
/// and re-applies the change.
/// </summary>
public sealed class InconsistentStateException(string message, string? storedETag, string? expectedETag) : Exception(message)
{
    public string? StoredETag { get; } = storedETag;

    public string? ExpectedETag { get; } = expectedETag;
}
