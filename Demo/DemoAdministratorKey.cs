namespace Glance.Demo;

/// <summary>
/// How the demo finds the administrator key it registers its tenant with. The host owns access settings (an embedded
/// run generates the key at start), so it says where the key is; the demo never reads the host's options itself.
/// </summary>
public sealed class DemoAdministratorKey(Func<IServiceProvider, string?> resolve)
{
    /// <exception cref="InvalidOperationException">The host has no administrator key to give.</exception>
    public string Resolve(IServiceProvider services) =>
        resolve(services) ?? throw new InvalidOperationException("The demo needs an administrator key and the host has none.");
}
