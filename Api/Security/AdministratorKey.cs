using System.Buffers;
using System.Security.Cryptography;
namespace Glance.Api.Security;

/// <summary>
/// The administrator key, compared in constant time through SHA-256 digests (the comparison tells neither the key's
/// bytes nor its length). Every request with a credential is compared against it, so the key's own digest is computed
/// once here instead of on each request.
/// </summary>
public sealed class AdministratorKey(IOptions<AccessOptions> access)
{
    private const int MaxStackBytes = 1024;

    private readonly byte[]? digest = access.Value.AdminKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public bool Matches(string presented)
    {
        if (digest is null)
        {
            return false;
        }

        var length = Encoding.UTF8.GetMaxByteCount(presented.Length);
        var rented = length > MaxStackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented is null ? stackalloc byte[MaxStackBytes] : rented;
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(presented, bytes)], hash);
            return CryptographicOperations.FixedTimeEquals(hash, digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
