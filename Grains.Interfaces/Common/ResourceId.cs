using System.Text.RegularExpressions;

namespace Glance.Grains.Interfaces.Common;

/// <summary>
/// The one id pattern of the public API (events, people, logos, teams, viewers, tenants): 1-64 characters of letters,
/// digits, '.', '_' and '-', starting with a letter or digit. Ids never contain '/', so tenant-scoped grain keys
/// ("tenant/id") cannot collide.
/// </summary>
public static partial class ResourceId
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    /// <summary>The grain key of a tenant's resource.</summary>
    public static string Scoped(string tenantId, string id) => $"{tenantId}/{id}";

    /// <summary>Splits a scoped key back into tenant and id.</summary>
    public static (string TenantId, string Id) Unscope(string scopedKey)
    {
        var slash = scopedKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? throw new ArgumentException($"'{scopedKey}' is not a tenant-scoped key.", nameof(scopedKey)) : (scopedKey[..slash], scopedKey[(slash + 1)..]);
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
