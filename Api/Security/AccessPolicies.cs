namespace Glance.Api.Security;

/// <summary>Who may call what: every endpoint group names one of these policies.</summary>
public static class AccessPolicies
{
    /// <summary>The bootstrap administrator: creates tenants.</summary>
    public const string Admin = "admin";

    /// <summary>A broadcaster API key: everything inside its tenant.</summary>
    public const string Broadcaster = "broadcaster";

    /// <summary>A viewer token (or a broadcaster key acting for a viewer of its tenant).</summary>
    public const string Viewer = "viewer";
}
