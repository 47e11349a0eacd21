using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Api.Security;
using Glance.Grains.Interfaces.Viewers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Api;

public sealed class ViewerProfileTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly object AliceProfile = new
    {
        ageRange = "25-34",
        gender = "female",
        country = "pt",
        languages = new[] { "pt-PT", "en", "EN" },
        interests = new[] { " football ", "cooking", "Football" },
        segments = new[] { "season-ticket", "app-heavy" },
    };

    [Fact]
    public async Task A_viewer_writes_and_reads_its_own_profile_normalized()
    {
        var (client, _) = await api.NewTenantAsync();
        var alice = api.As(await api.ViewerTokenAsync(client, "alice"));

        var created = await alice.PutAsJsonAsync("/v1/viewers/alice/profile", AliceProfile);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var read = await alice.GetFromJsonAsync<ViewerProfileView>("/v1/viewers/alice/profile");

        read!.ViewerId.Should().Be("alice");
        read.Country.Should().Be("PT");
        read.Languages.Should().Equal("pt-PT", "en");
        read.Interests.Should().Equal("football", "cooking");
        read.Segments.Should().Equal("season-ticket", "app-heavy");
        read.Personalization.Should().BeTrue();

        var replaced = await alice.PutAsJsonAsync("/v1/viewers/alice/profile", new { ageRange = "35-44", personalization = false });
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = (await replaced.Content.ReadFromJsonAsync<ViewerProfileView>())!;
        after.AgeRange.Should().Be("35-44");
        after.Interests.Should().BeEmpty("a PUT replaces the whole profile");
        after.Personalization.Should().BeFalse();
        after.CreatedAt.Should().Be(read.CreatedAt);
    }

    [Fact]
    public async Task A_viewer_reading_or_writing_another_viewers_profile_gets_404()
    {
        var (client, _) = await api.NewTenantAsync();
        var alice = api.As(await api.ViewerTokenAsync(client, "alice"));
        var bob = api.As(await api.ViewerTokenAsync(client, "bob"));
        (await alice.PutAsJsonAsync("/v1/viewers/alice/profile", AliceProfile)).EnsureSuccessStatusCode();

        var read = await bob.GetAsync("/v1/viewers/alice/profile");
        var write = await bob.PutAsJsonAsync("/v1/viewers/alice/profile", new { ageRange = "65+" });
        var erase = await bob.DeleteAsync("/v1/viewers/alice/profile");
        var missing = await bob.GetAsync("/v1/viewers/bob/profile");

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        write.StatusCode.Should().Be(HttpStatusCode.NotFound);
        erase.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AccessTests.Problem(read)).GetProperty("detail").GetString()
            .Should().Be((await AccessTests.Problem(missing)).GetProperty("detail").GetString()!.Replace("bob", "alice", StringComparison.Ordinal), "another viewer's profile looks like one that does not exist");
        (await alice.GetFromJsonAsync<ViewerProfileView>("/v1/viewers/alice/profile"))!.AgeRange.Should().Be("25-34", "nothing bob sent reached alice's profile");
    }

    [Fact]
    public async Task The_broadcaster_manages_its_viewers_profiles_and_another_tenant_sees_none()
    {
        var (client, _) = await api.NewTenantAsync();
        var (other, _) = await api.NewTenantAsync();
        var alice = api.As(await api.ViewerTokenAsync(client, "alice"));
        var otherAlice = api.As(await api.ViewerTokenAsync(other, "alice"));
        (await alice.PutAsJsonAsync("/v1/viewers/alice/profile", AliceProfile)).EnsureSuccessStatusCode();

        (await client.GetFromJsonAsync<ViewerProfileView>("/v1/viewers/alice/profile"))!.Country.Should().Be("PT");
        (await other.GetAsync("/v1/viewers/alice/profile")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherAlice.GetAsync("/v1/viewers/alice/profile")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the same viewer id in another tenant is another viewer");

        (await client.DeleteAsync("/v1/viewers/alice/profile")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await alice.GetAsync("/v1/viewers/alice/profile")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an erased profile is gone");
    }

    [Fact]
    public async Task Bad_values_are_a_validation_problem_naming_each_field()
    {
        var (client, _) = await api.NewTenantAsync();
        var carol = api.As(await api.ViewerTokenAsync(client, "carol"));

        var response = await carol.PutAsJsonAsync("/v1/viewers/carol/profile", new
        {
            ageRange = "30",
            country = "Portugal",
            languages = new[] { "not a tag" },
            interests = Enumerable.Range(0, 51).Select(i => $"i{i}").ToArray(),
            segments = new[] { "../x" },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await AccessTests.Problem(response)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("ageRange", "country", "languages", "interests", "segments");
        (await carol.GetAsync("/v1/viewers/carol/profile")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was stored");
    }

    [Fact]
    public async Task Without_credentials_or_with_an_expired_token_it_is_401_and_an_oversized_body_is_413()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var past = new ViewerTokens(api.Services.GetRequiredService<IOptions<AccessOptions>>(), new ShiftedClock(TimeSpan.FromHours(-3)));
        var (expired, _) = past.Issue(tenant.Tenant.Id, "dave", TimeSpan.FromHours(1));
        var dave = api.As(await api.ViewerTokenAsync(client, "dave"));

        (await api.Anonymous().GetAsync("/v1/viewers/dave/profile")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.As(expired).GetAsync("/v1/viewers/dave/profile")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var huge = new StringContent(JsonSerializer.Serialize(new { gender = new string('x', 100_000) }), System.Text.Encoding.UTF8, "application/json");
        var tooLarge = await dave.PutAsync("/v1/viewers/dave/profile", huge);
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await AccessTests.Problem(tooLarge)).GetProperty("detail").GetString().Should().Contain("65,536 bytes", "the profile endpoint's own limit");
    }
}
