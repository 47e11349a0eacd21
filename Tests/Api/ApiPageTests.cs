using System.Net;

namespace Glance.Tests.Api;

/// <summary>The interactive API page is served under /docs (its middleware runs only for that path).</summary>
public sealed class ApiPageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/docs/index.html")]
    [InlineData("/DOCS/index.html")]
    public async Task The_page_is_served(string path)
    {
        var response = await api.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");
    }

    [Fact]
    public async Task The_bare_path_redirects_to_the_page()
    {
        // A real Kestrel port (known once the factory's own client exists), and no following of the redirect.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.CreateClient().BaseAddress };

        var response = await client.GetAsync("/docs");

        response.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.ToString().Should().EndWith("docs/index.html");
    }
}
