using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Api.Endpoints;
using Glance.Api.Security;
using Glance.Grains.Interfaces.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Api;

public sealed class AccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_administrator_creates_a_tenant_whose_key_is_shown_once_and_works()
    {
        var (client, tenant) = await api.NewTenantAsync();

        tenant.Key.Key.Should().StartWith(ApiKeyFormat.Prefix);
        var keys = await client.GetFromJsonAsync<List<ApiKeyInfo>>("/v1/keys");
        keys.Should().ContainSingle().Which.KeyId.Should().Be(tenant.Key.KeyId);
        (await client.GetStringAsync("/v1/keys")).Should().NotContain(tenant.Key.Key.Split('.')[1], "a listed key never shows its secret");
    }

    [Fact]
    public async Task Creating_a_tenant_twice_is_a_conflict()
    {
        var (_, tenant) = await api.NewTenantAsync();

        var again = await api.Admin().PostAsJsonAsync("/v1/tenants", new { id = tenant.Tenant.Id, name = "again" });

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Problem(again)).GetProperty("detail").GetString().Should().Contain(tenant.Tenant.Id);
    }

    [Theory]
    [InlineData("GET", "/v1/keys")]
    [InlineData("POST", "/v1/keys")]
    [InlineData("DELETE", "/v1/keys/0123456789abcdef")]
    [InlineData("POST", "/v1/viewers/v1/tokens")]
    [InlineData("POST", "/v1/tenants")]
    [InlineData("GET", "/v1/tenants/someone")]
    public async Task No_credentials_answer_401_with_a_problem_and_a_challenge(string method, string path)
    {
        var response = await api.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        (await Problem(response)).GetProperty("detail").GetString().Should().Contain("credentials");
    }

    [Fact]
    public async Task A_garbage_credential_is_401_and_says_why()
    {
        var response = await api.As("not-a-key").GetAsync("/v1/keys");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Problem(response)).GetProperty("detail").GetString().Should().Contain("neither an API key nor a viewer token");
    }

    [Fact]
    public async Task A_well_formed_key_with_a_wrong_secret_is_401()
    {
        var (_, tenant) = await api.NewTenantAsync();
        var forged = tenant.Key.Key[..^4] + "AAAA";

        (await api.As(forged).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_key_is_401_at_once()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var second = await (await client.PostAsJsonAsync("/v1/keys", new { label = "second" })).Content.ReadFromJsonAsync<IssuedApiKey>();

        (await client.DeleteAsync($"/v1/keys/{second!.KeyId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await api.As(second.Key).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK, "the tenant's other key still works");
    }

    [Fact]
    public async Task Another_tenants_key_id_answers_404_not_403()
    {
        var (mine, _) = await api.NewTenantAsync();
        var (_, theirs) = await api.NewTenantAsync();

        var response = await mine.DeleteAsync($"/v1/keys/{theirs.Key.KeyId}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.As(theirs.Key.Key).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK, "their key is untouched");
    }

    [Theory]
    [InlineData("GET", "/v1/keys")]
    [InlineData("POST", "/v1/keys")]
    [InlineData("POST", "/v1/viewers/v2/tokens")]
    [InlineData("POST", "/v1/tenants")]
    public async Task A_viewer_token_on_broadcaster_or_admin_endpoints_is_403(string method, string path)
    {
        var (client, _) = await api.NewTenantAsync();
        var token = await api.ViewerTokenAsync(client, "v1");

        var response = await api.As(token).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { label = "x" }) });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Problem(response)).GetProperty("title").GetString().Should().Be("Forbidden");
    }

    [Fact]
    public async Task A_broadcaster_key_on_administrator_endpoints_is_403()
    {
        var (client, _) = await api.NewTenantAsync();

        (await client.PostAsJsonAsync("/v1/tenants", new { id = "x", name = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Viewer_tokens_carry_tenant_and_viewer_and_expire()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var tokens = (ViewerTokens)api.Services.GetService(typeof(ViewerTokens))!;
        var token = await api.ViewerTokenAsync(client, "alice", lifetimeSeconds: 60);

        var validation = tokens.Validate(token);
        validation.Valid.Should().BeTrue();
        validation.TenantId.Should().Be(tenant.Tenant.Id);
        validation.ViewerId.Should().Be("alice");

        // The same token seen two hours later: expired.
        var later = new ViewerTokens(api.Services.GetRequiredService<IOptions<AccessOptions>>(), new ShiftedClock(TimeSpan.FromHours(2)));
        later.Validate(token).Failure.Should().Be("The token has expired.");
    }

    [Fact]
    public async Task An_expired_viewer_token_is_401()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var past = new ViewerTokens(api.Services.GetRequiredService<IOptions<AccessOptions>>(), new ShiftedClock(TimeSpan.FromHours(-3)));
        var (expired, _) = past.Issue(tenant.Tenant.Id, "bob", TimeSpan.FromHours(1));

        var response = await api.As(expired).GetAsync("/v1/keys");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Problem(response)).GetProperty("detail").GetString().Should().Be("The token has expired.");
        _ = client;
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_tampered_is_401()
    {
        var (client, _) = await api.NewTenantAsync();
        var token = await api.ViewerTokenAsync(client, "carol");
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}x.{parts[2]}";
        var noneAlgorithm = "eyJhbGciOiJub25lIiwia2lkIjoidGVzdCJ9." + parts[1] + ".";

        (await api.As(tampered).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.As(noneAlgorithm).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_lifetime_over_the_maximum_is_refused_with_a_clear_problem()
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PostAsJsonAsync("/v1/viewers/dave/tokens", new { lifetimeSeconds = 10 * 24 * 3600 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("errors").GetProperty("lifetimeSeconds")[0].GetString().Should().Contain("between 1 second and");
    }

    [Fact]
    public async Task Optional_fields_may_be_left_out_so_an_empty_object_issues_a_key_and_a_viewer_token()
    {
        var (client, _) = await api.NewTenantAsync();

        var key = await client.PostAsync("/v1/keys", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var token = await client.PostAsync("/v1/viewers/erin/tokens", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        key.StatusCode.Should().Be(HttpStatusCode.Created);
        (await key.Content.ReadFromJsonAsync<IssuedApiKey>())!.Label.Should().Be("unnamed");
        token.StatusCode.Should().Be(HttpStatusCode.Created, "the demo banner's curl for a fresh token sends {}");
    }

    [Theory]
    [InlineData("{\"id\": \"ok-id\"}", "name")]
    [InlineData("{\"id\": \"ok\", \"name\": null}", "name")]
    [InlineData("not json", "JSON")]
    public async Task Malformed_bodies_get_a_problem_naming_what_is_wrong(string body, string mentioned)
    {
        var response = await api.Admin().PostAsync("/v1/tenants", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain(mentioned);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task An_invalid_id_is_a_validation_problem()
    {
        var response = await api.Admin().PostAsJsonAsync("/v1/tenants", new { id = "../etc", name = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("errors").GetProperty("id")[0].GetString().Should().Contain("letters, digits");
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = new string('x', 2 * 1024 * 1024);

        // Expect: 100-continue, as clients sending large bodies do: the server refuses before the body is sent, so the
        // answer cannot be lost to a connection closed mid-upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tenants") { Content = JsonContent.Create(new { id = "big", name = huge }) };
        request.Headers.ExpectContinue = true;
        request.Content.Headers.ContentLength = (await request.Content.ReadAsByteArrayAsync()).LongLength;

        var response = await api.Admin().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("detail").GetString().Should().Be("The request body is larger than 1,048,576 bytes, the most this endpoint accepts.");
    }

    [Fact]
    public async Task A_body_of_another_media_type_is_415_and_an_unknown_path_404_each_saying_what_to_do()
    {
        var (client, _) = await api.NewTenantAsync();

        var text = await client.PostAsync("/v1/keys", new StringContent("label=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var nowhere = await client.GetAsync("/v1/nowhere");

        text.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await Problem(text)).GetProperty("detail").GetString().Should().Be("Send the body as application/json.");
        nowhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Problem(nowhere)).GetProperty("detail").GetString().Should().Contain("/openapi/v1.json");
    }

    [Fact]
    public async Task The_openapi_document_declares_the_credentials_and_which_endpoints_need_them()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        schemes.TryGetProperty("broadcasterKey", out _).Should().BeTrue();
        schemes.TryGetProperty("viewerToken", out var viewer).Should().BeTrue();
        viewer.GetProperty("bearerFormat").GetString().Should().Be("JWT");
        var listKeys = root.GetProperty("paths").GetProperty("/v1/keys").GetProperty("get");
        listKeys.GetProperty("security")[0].TryGetProperty("broadcasterKey", out _).Should().BeTrue();
        root.GetProperty("paths").GetProperty("/v1/tenants").GetProperty("post").GetProperty("security")[0].TryGetProperty("adminKey", out _).Should().BeTrue();
    }

    internal static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
