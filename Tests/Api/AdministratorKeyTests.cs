using Glance.Api.Security;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Api;

/// <summary>The administrator key's digest is computed once; a presented credential must still match it exactly.</summary>
public sealed class AdministratorKeyTests
{
    private const string Key = "admin-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void Only_the_exact_key_matches()
    {
        var admin = new AdministratorKey(Options.Create(new AccessOptions { AdminKey = Key }));

        admin.Matches(Key).Should().BeTrue();
        admin.Matches(Key[..^1]).Should().BeFalse("a prefix is not the key");
        admin.Matches(Key + "x").Should().BeFalse("a longer credential is not the key");
        admin.Matches(Key.ToUpperInvariant()).Should().BeFalse("keys are case-sensitive");
        admin.Matches(string.Empty).Should().BeFalse();
    }

    [Fact]
    public void A_credential_longer_than_the_stack_buffer_is_compared_too()
    {
        var longKey = new string('k', 5000) + "é";
        var admin = new AdministratorKey(Options.Create(new AccessOptions { AdminKey = longKey }));

        admin.Matches(longKey).Should().BeTrue();
        admin.Matches(new string('k', 5000) + "e").Should().BeFalse();
    }

    [Fact]
    public void Without_a_configured_key_nothing_matches()
    {
        var admin = new AdministratorKey(Options.Create(new AccessOptions { AdminKey = null }));

        admin.Matches(string.Empty).Should().BeFalse();
        admin.Matches(Key).Should().BeFalse();
    }
}
