using System.Net;
using System.Text.Json;
using Glance.Hosting;
using Glance.Storage;
using Microsoft.Extensions.Configuration;

namespace Glance.Tests.Deployment;

/// <summary>
/// docker-compose.yml as Debian's docker-compose reads it (`config`: the file's schema, interpolation, references),
/// then what it resolves to against the product's own configuration binding: every Glance service is a cluster silo
/// over the compose file's DynamoDB, the channel's network is allow-listed, and Prometheus scrapes every silo.
/// No Docker engine is needed (or present) for any of it.
/// </summary>
public sealed class ComposeFileTests
{
    private const string Installed = "install the Debian package docker-compose (scripts/setup does)";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(1);

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["GLANCE_ADMIN_KEY"] = "compose-test-admin-key-0123456789abcdef",
        ["GLANCE_VIEWER_KEY"] = Convert.ToBase64String(new byte[32]),
    };

    [ToolFact("docker-compose", Installed)]
    public async Task Docker_compose_accepts_the_file()
    {
        var run = await ToolRun.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], ToolTimeout, Secrets);

        run.ExitCode.Should().Be(0, $"docker-compose config -q said: {run.Errors}");
    }

    [ToolFact("docker-compose", Installed)]
    public async Task Without_the_secrets_the_file_refuses_to_start_rather_than_run_with_defaults()
    {
        var run = await ToolRun.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], ToolTimeout, new Dictionary<string, string> { ["GLANCE_ADMIN_KEY"] = string.Empty, ["GLANCE_VIEWER_KEY"] = string.Empty });

        run.ExitCode.Should().NotBe(0);
        run.Errors.Should().Contain("set GLANCE_ADMIN_KEY");
    }

    [ToolFact("docker-compose", Installed)]
    public async Task Every_Glance_service_binds_as_a_cluster_silo_over_the_files_DynamoDB_and_is_scraped()
    {
        var compose = await ResolvedAsync();
        var services = compose.GetProperty("services");
        var glance = services.EnumerateObject().Where(s => s.Value.TryGetProperty("build", out _)).ToList();
        glance.Select(s => s.Name).Should().BeEquivalentTo(["api", "silo-1", "silo-2"], "three silo processes: one Api, two headless");

        foreach (var service in glance)
        {
            var configuration = Configuration(service.Value.GetProperty("environment"));
            configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()!.Mode.Should().Be(HostingMode.Cluster);
            var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!;
            storage.Provider.Should().Be(StorageProviderKind.DynamoDb);
            var dynamo = new Uri(storage.DynamoDb.ServiceUrl!);
            services.TryGetProperty(dynamo.Host, out _).Should().BeTrue($"{service.Name} reaches DynamoDB at a service of the file");
            configuration["Access:AdminKey"].Should().Be(Secrets["GLANCE_ADMIN_KEY"]);
            configuration["Access:ViewerTokenKeys:0:Secret"].Should().Be(Secrets["GLANCE_VIEWER_KEY"]);
            configuration["AWS_ACCESS_KEY_ID"].Should().NotBeNullOrEmpty("the AWS SDK signs even requests to a local DynamoDB");

            // The SSRF guard refuses private addresses unless allow-listed: the compose network must be.
            var allowed = IPNetwork.Parse(configuration["Ingest:AllowedNetworks:0"]!);
            var subnet = IPNetwork.Parse(compose.GetProperty("networks").GetProperty("glance").GetProperty("ipam").GetProperty("config")[0].GetProperty("subnet").GetString()!);
            allowed.Contains(subnet.BaseAddress).Should().BeTrue("the channel's origin lives on the compose network");
            allowed.PrefixLength.Should().BeLessThanOrEqualTo(subnet.PrefixLength);
        }

        var entry = glance.ToDictionary(s => s.Name, s => s.Value.TryGetProperty("command", out var c) ? string.Join(' ', c.EnumerateArray().Select(a => a.GetString())) : string.Empty);
        entry["api"].Should().BeEmpty("the image's default command is the Api");
        entry["silo-1"].Should().Be("Glance.Silo.dll serve");

        var prometheus = await ToolRun.RunAsync("node", ["-e", "process.stdout.write(JSON.stringify(require('yaml').parse(require('fs').readFileSync('deploy/compose/prometheus.yml','utf8'))))"], ToolTimeout);
        prometheus.ExitCode.Should().Be(0, prometheus.Errors);
        var targets = JsonDocument.Parse(prometheus.Output).RootElement.GetProperty("scrape_configs")[0].GetProperty("static_configs")[0].GetProperty("targets")
            .EnumerateArray().Select(t => t.GetString()).ToList();
        targets.Should().BeEquivalentTo(glance.Select(s => s.Name + ":8080"), "Prometheus scrapes /metrics on every Glance process (8080 in the image)");

        services.GetProperty("register").GetProperty("environment").GetProperty("GLANCE_SOURCE").GetString().Should().StartWith("http://origin/", "the event watches the channel's origin");
    }

    /// <summary>`docker-compose config` (interpolated, anchors merged) as JSON, through the yaml package scripts/setup installs.</summary>
    private static async Task<JsonElement> ResolvedAsync()
    {
        var resolved = await ToolRun.RunAsync("docker-compose", ["-f", "docker-compose.yml", "config"], ToolTimeout, Secrets);
        resolved.ExitCode.Should().Be(0, resolved.Errors);
        var file = Path.Combine(Path.GetTempPath(), $"glance-compose-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, resolved.Output);
        try
        {
            var json = await ToolRun.RunAsync("node", ["-e", "process.stdout.write(JSON.stringify(require('yaml').parse(require('fs').readFileSync(process.argv[1],'utf8'))))", file], ToolTimeout);
            json.ExitCode.Should().Be(0, json.Errors);
            return JsonDocument.Parse(json.Output).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The service's environment as the product reads it: Section__Key becomes Section:Key.</summary>
    private static IConfiguration Configuration(JsonElement environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.EnumerateObject().Select(e => new KeyValuePair<string, string?>(e.Name.Replace("__", ":", StringComparison.Ordinal), e.Value.ToString())))
            .Build();
}
