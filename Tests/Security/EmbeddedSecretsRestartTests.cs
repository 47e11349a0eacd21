using System.Net;
using System.Net.Http.Json;
using Glance.Api.Endpoints;
using Glance.Api.Security;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Security;

/// <summary>
/// An embedded run with no configured secrets, started twice on one data folder: the second start uses the same
/// administrator key and signing key, so a viewer token issued before the restart still verifies.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedSecretsRestartTests
{
    [Fact]
    public async Task Generated_secrets_are_kept_owner_only_beside_the_database_and_tokens_from_before_a_restart_verify()
    {
        using var folder = new TemporaryDirectory();
        string adminKey, broadcasterKey, viewerToken;
        await using (var first = Api(folder))
        {
            adminKey = first.Services.GetRequiredService<IOptions<AccessOptions>>().Value.AdminKey!;
            var created = await first.As(adminKey).PostAsJsonAsync("/v1/tenants", new { id = "kept", name = "Kept" });
            broadcasterKey = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CreatedTenant>())!.Key.Key;
            viewerToken = await first.ViewerTokenAsync(first.As(broadcasterKey), "viewer-1");
            (await first.As(adminKey).GetAsync("/v1/tenants/kept")).StatusCode.Should().NotBe(HttpStatusCode.Unauthorized);
        }

        var file = Path.Combine(folder.Path, EmbeddedSecrets.FileName);
        File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await using var second = Api(folder);
        second.Services.GetRequiredService<IOptions<AccessOptions>>().Value.AdminKey.Should().Be(adminKey);
        (await second.As(adminKey).PostAsJsonAsync("/v1/tenants", new { id = "after", name = "After" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await second.As(broadcasterKey).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK);
        var profile = await second.As(viewerToken).GetAsync("/v1/viewers/viewer-1/profile");
        profile.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, await profile.Content.ReadAsStringAsync());

        // Control: a token signed by another run's key does not verify, so the check above is not vacuous.
        using var elsewhere = new TemporaryDirectory();
        await using var stranger = Api(elsewhere);
        (await stranger.As(viewerToken).GetAsync("/v1/viewers/viewer-1/profile")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static ApiFactory Api(TemporaryDirectory folder) => new ApiFactory()
        .WithGeneratedSecrets()
        .WithSqliteStore(folder.Path);
}
