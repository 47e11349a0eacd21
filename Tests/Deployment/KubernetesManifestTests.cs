using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Hosting.Diagnostics;
using Glance.Hosting;
using Glance.Storage;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Deployment;

/// <summary>
/// deploy/eks checked two ways. Schema: every document validates against the Kubernetes OpenAPI schemas of the npm
/// package kubernetes-models (compiled validators per apiVersion/kind, offline; deploy/tools/validate-manifests.js).
/// Meaning: the probes, shutdown budget, autoscaling metric, IAM policy and settings agree with what the code does.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The .NET generic host's default shutdown budget, inside which the pipeline drains and Orleans stops.</summary>
    private static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_manifest_validates_against_the_Kubernetes_schemas()
    {
        var (run, manifests) = await ValidateAsync(Directory.GetFiles(Path.Combine(Root, "deploy", "eks"), "*.yaml"));

        run.ExitCode.Should().Be(0, $"the validator said: {string.Join("\n", manifests.GetProperty("errors").EnumerateArray())}{run.Errors}");
        manifests.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).Should().Contain(
            ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret"]);
    }

    [Fact]
    public async Task The_validator_rejects_a_manifest_the_schemas_do_not_allow()
    {
        using var scratch = new TemporaryDirectory();
        var broken = Path.Combine(scratch.Path, "broken.yaml");
        await File.WriteAllTextAsync(broken, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: broken}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                spec:
                  containers:
                    - name: glance
                      image: 3
            ---
            apiVersion: example.com/v1
            kind: Unknown
            metadata: {name: nothing}
            """);

        var (run, manifests) = await ValidateAsync([broken]);

        run.ExitCode.Should().Be(1);
        var errors = manifests.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        errors.Should().Contain(e => e!.Contains("image must be string", StringComparison.Ordinal));
        errors.Should().Contain(e => e!.Contains("no schema for apiVersion example.com/v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pods_are_ready_when_their_silo_is_Active_and_stop_within_the_grace_period()
    {
        var manifests = await ManifestsAsync();
        var deployment = Single(manifests, "Deployment");
        var pod = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = pod.GetProperty("containers")[0];

        container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString().Should().Be("/readyz", "readiness = the silo is Active in membership");
        container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString().Should().Be("/healthz");
        container.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("containerPort").GetInt32()).Should().BeEquivalentTo([8080, 11111], "the image's HTTP and silo ports");

        var preStop = container.GetProperty("lifecycle").GetProperty("preStop").GetProperty("exec").GetProperty("command").EnumerateArray().Select(a => a.GetString()).ToList();
        preStop[0].Should().Be("sleep");
        var preStopSeconds = int.Parse(preStop[1]!, System.Globalization.CultureInfo.InvariantCulture);
        var grace = TimeSpan.FromSeconds(pod.GetProperty("terminationGracePeriodSeconds").GetInt32());
        var settings = Settings(manifests);
        var drain = TimeSpan.Parse(settings["Pipeline:DrainTimeout"]!, System.Globalization.CultureInfo.InvariantCulture);
        drain.Should().BeLessThan(HostShutdownTimeout, "the drain runs inside the host's shutdown, before Orleans stops");
        grace.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(preStopSeconds) + HostShutdownTimeout, "SIGKILL must not cut the drain or Orleans' own stop short");

        // The advertised address is the pod's (Orleans' Kubernetes hosting reads POD_IP), as silo-to-silo traffic needs.
        container.GetProperty("env").EnumerateArray().Should().Contain(e =>
            e.GetProperty("name").GetString() == "POD_IP" && e.GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString() == "status.podIP");

        // Read-only root: the writable paths are the image's declared volumes.
        container.GetProperty("securityContext").GetProperty("readOnlyRootFilesystem").GetBoolean().Should().BeTrue();
        pod.GetProperty("securityContext").GetProperty("runAsNonRoot").GetBoolean().Should().BeTrue();
        container.GetProperty("volumeMounts").EnumerateArray().Select(m => m.GetProperty("mountPath").GetString()).Should().BeEquivalentTo(
            JsonSerializer.Deserialize<string[]>(Dockerfile.Read(Path.Combine(Root, "Dockerfile")).Final.Arguments("VOLUME").Single()));
        container.GetProperty("resources").GetProperty("requests").GetProperty("cpu").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Settings_bind_as_a_cluster_and_every_reference_names_an_object_of_the_manifests()
    {
        var manifests = await ManifestsAsync();
        var settings = Settings(manifests);
        settings.GetSection(HostingOptions.SectionName).Get<HostingOptions>()!.Mode.Should().Be(HostingMode.Cluster);
        settings.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!.Provider.Should().Be(StorageProviderKind.DynamoDb);

        var secret = Single(manifests, "Secret").GetProperty("stringData");
        secret.TryGetProperty("Access__AdminKey", out _).Should().BeTrue();
        secret.TryGetProperty("Access__ViewerTokenKeys__0__Secret", out _).Should().BeTrue();

        var pod = Single(manifests, "Deployment").GetProperty("spec").GetProperty("template");
        var labels = pod.GetProperty("metadata").GetProperty("labels");
        var envFrom = pod.GetProperty("spec").GetProperty("containers")[0].GetProperty("envFrom").EnumerateArray().ToList();
        envFrom.Select(e => e.TryGetProperty("configMapRef", out var c) ? c.GetProperty("name").GetString() : null).Should().Contain(Name(Single(manifests, "ConfigMap", "glance-settings")));
        envFrom.Select(e => e.TryGetProperty("secretRef", out var s) ? s.GetProperty("name").GetString() : null).Should().Contain(Name(Single(manifests, "Secret")));

        var account = Single(manifests, "ServiceAccount");
        pod.GetProperty("spec").GetProperty("serviceAccountName").GetString().Should().Be(Name(account));
        account.GetProperty("metadata").GetProperty("annotations").GetProperty("eks.amazonaws.com/role-arn").GetString().Should().StartWith("arn:aws:iam::");

        foreach (var selector in new[]
        {
            Single(manifests, "Service").GetProperty("spec").GetProperty("selector"),
            Single(manifests, "PodDisruptionBudget").GetProperty("spec").GetProperty("selector").GetProperty("matchLabels"),
        })
        {
            foreach (var label in selector.EnumerateObject())
            {
                labels.GetProperty(label.Name).GetString().Should().Be(label.Value.GetString(), "the selector picks the Deployment's pods");
            }
        }

        Single(manifests, "HorizontalPodAutoscaler").GetProperty("spec").GetProperty("scaleTargetRef").GetProperty("name").GetString().Should().Be(Name(Single(manifests, "Deployment")));
    }

    [Fact]
    public async Task The_autoscaler_reads_CPU_and_a_metric_the_silos_really_export()
    {
        var manifests = await ManifestsAsync();
        var metrics = Single(manifests, "HorizontalPodAutoscaler").GetProperty("spec").GetProperty("metrics").EnumerateArray().ToList();
        metrics.Should().Contain(m => m.GetProperty("type").GetString() == "Resource" && m.GetProperty("resource").GetProperty("name").GetString() == "cpu");
        var custom = metrics.Single(m => m.GetProperty("type").GetString() == "Pods").GetProperty("pods").GetProperty("metric").GetProperty("name").GetString()!;

        // The name as /metrics writes it: the pipeline's meter, rendered by the product's own exporter.
        using var host = new ServiceCollection().AddMetrics().AddSingleton<Glance.Grains.Analysis.PipelineMetrics>().BuildServiceProvider();
        using var exporter = new PrometheusMetricsExporter(PrometheusMetricsExporter.ForHost(host.GetRequiredService<IMeterFactory>()));
        host.GetRequiredService<Glance.Grains.Analysis.PipelineMetrics>();
        exporter.Scrape().Should().Contain($"# TYPE {custom} gauge", "the HPA's custom metric is one the silos expose");

        var adapter = Single(manifests, "ConfigMap", "prometheus-adapter-glance").GetProperty("data").GetProperty("config.yaml").GetString();
        adapter.Should().Contain($"seriesQuery: '{custom}{{").And.Contain($"as: {custom}", "prometheus-adapter serves that series under that name");
    }

    [Fact]
    public async Task Orleans_Kubernetes_hosting_gets_the_pods_identity_and_only_the_pod_rights_it_uses()
    {
        var manifests = await ManifestsAsync();
        var settings = Settings(manifests);
        var silo = settings.GetSection(SiloOptions.SectionName).Get<SiloOptions>()!;
        silo.Kubernetes.Should().BeTrue();

        var template = Single(manifests, "Deployment").GetProperty("spec").GetProperty("template");
        var labels = template.GetProperty("metadata").GetProperty("labels");
        labels.GetProperty("orleans/clusterId").GetString().Should().Be(silo.ClusterId, "Orleans reads the ids from the pod's labels; they must be the settings' ids");
        labels.GetProperty("orleans/serviceId").GetString().Should().Be(silo.ServiceId);

        var fields = template.GetProperty("spec").GetProperty("containers")[0].GetProperty("env").EnumerateArray()
            .Where(e => e.TryGetProperty("valueFrom", out _))
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString());
        fields.Should().Contain(new Dictionary<string, string?>
        {
            ["POD_NAME"] = "metadata.name",
            ["POD_NAMESPACE"] = "metadata.namespace",
            ["POD_IP"] = "status.podIP",
            ["ORLEANS_CLUSTER_ID"] = "metadata.labels['orleans/clusterId']",
            ["ORLEANS_SERVICE_ID"] = "metadata.labels['orleans/serviceId']",
        });

        var role = Single(manifests, "Role");
        role.GetProperty("rules").EnumerateArray().Should().ContainSingle().Which.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).Should().Equal("pods");
        role.GetProperty("rules")[0].GetProperty("verbs").EnumerateArray().Select(v => v.GetString()).Should().BeEquivalentTo(["get", "list", "watch", "delete"]);
        var binding = Single(manifests, "RoleBinding");
        binding.GetProperty("roleRef").GetProperty("name").GetString().Should().Be(Name(role));
        binding.GetProperty("subjects")[0].GetProperty("name").GetString().Should().Be(Name(Single(manifests, "ServiceAccount")), "the pods' service account gets the rights");
    }

    [Fact]
    public async Task The_optional_gallery_silos_join_the_cluster_do_only_gallery_work_and_stay_out_of_the_main_pods_selector()
    {
        var (run, output) = await ValidateAsync(Directory.GetFiles(Path.Combine(Root, "deploy", "eks", "gallery"), "*.yaml"));
        run.ExitCode.Should().Be(0, run.Output);
        var gallery = output.GetProperty("documents").EnumerateArray().Should().ContainSingle().Subject.GetProperty("object");
        var main = Single(await ManifestsAsync(), "Deployment");

        var galleryLabels = PodLabels(gallery);
        var mainLabels = PodLabels(main);
        galleryLabels["orleans/clusterId"].Should().Be(mainLabels["orleans/clusterId"], "gallery silos join the same Orleans cluster");
        galleryLabels["orleans/serviceId"].Should().Be(mainLabels["orleans/serviceId"]);
        Selector(main).Should().NotBeSubsetOf(galleryLabels, "the main Deployment, its Service and autoscaler must not take the gallery pods");
        Selector(gallery).Should().NotBeSubsetOf(mainLabels);

        var workloads = gallery.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "Silo__Workloads").GetProperty("value").GetString();
        var options = new SiloWorkloadOptions { Workloads = workloads! };
        new SiloWorkloadOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        options.Parsed().Should().Equal("gallery");
    }

    [Fact]
    public async Task The_IAM_policy_grants_exactly_the_DynamoDB_and_Rekognition_actions_the_code_calls_on_glance_tables()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "deploy", "eks", "iam-policy.json")));
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        statements.Should().OnlyContain(s => s.GetProperty("Effect").GetString() == "Allow");
        var granted = statements.SelectMany(s => Strings(s.GetProperty("Action"))).ToList();
        granted.Should().OnlyHaveUniqueItems();

        // DynamoDB: the client operations our providers and record store call. Tables are created by the operator, not
        // by pods (the ConfigMap turns CreateTables off), so CreateTable is deliberately not granted.
        var dynamoSources = Directory.GetFiles(Path.Combine(Root, "Storage"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .Where(text => text.Contains("using Amazon.DynamoDBv2", StringComparison.Ordinal));
        var called = dynamoSources.SelectMany(text => DynamoCall().Matches(text).Select(m => m.Groups["operation"].Value)).ToHashSet();
        called.Should().Contain(["GetItem", "PutItem", "UpdateItem", "Query"], "the scan finds the providers' calls");
        called.Remove("CreateTable");
        granted.Where(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)).Select(a => a["dynamodb:".Length..]).Should().BeEquivalentTo(called);

        var rekognitionClient = File.ReadAllText(Path.Combine(Root, "Detection.Rekognition", "RekognitionClient.cs"));
        var operations = RekognitionCall().Matches(rekognitionClient).Select(m => m.Groups["operation"].Value).ToList();
        operations.Should().NotBeEmpty();
        granted.Where(a => a.StartsWith("rekognition:", StringComparison.Ordinal)).Select(a => a["rekognition:".Length..]).Should().BeEquivalentTo(operations);

        // Tables by the prefix the settings give, and nothing else.
        var prefix = Settings(await ManifestsAsync()).GetSection(StorageOptions.SectionName).Get<StorageOptions>()!.DynamoDb.TablePrefix;
        var dynamoStatement = statements.Single(s => Strings(s.GetProperty("Action")).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
        Strings(dynamoStatement.GetProperty("Resource")).Should().OnlyContain(r => Regex.IsMatch(r, $@"^arn:aws:dynamodb:[^:]*:\d{{12}}:table/{Regex.Escape(prefix)}\*(/index/\*)?$"));
    }

    private static async Task<(ToolRun Run, JsonElement Output)> ValidateAsync(IReadOnlyList<string> files)
    {
        var run = await ToolRun.RunAsync("node", [Path.Combine(Root, "deploy", "tools", "validate-manifests.js"), .. files], ToolTimeout);
        run.Output.Should().NotBeEmpty($"the validator printed no result; node said: {run.Errors}");
        return (run, JsonDocument.Parse(run.Output).RootElement.Clone());
    }

    private static async Task<List<JsonElement>> ManifestsAsync()
    {
        var (run, output) = await ValidateAsync(Directory.GetFiles(Path.Combine(Root, "deploy", "eks"), "*.yaml"));
        run.ExitCode.Should().Be(0, run.Output);
        return [.. output.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("object"))];
    }

    private static JsonElement Single(List<JsonElement> manifests, string kind, string? name = null) =>
        manifests.Single(m => m.GetProperty("kind").GetString() == kind && (name is null || Name(m) == name));

    private static string? Name(JsonElement manifest) => manifest.GetProperty("metadata").GetProperty("name").GetString();

    /// <summary>The settings ConfigMap as the product reads its environment: Section__Key becomes Section:Key.</summary>
    private static IConfiguration Settings(List<JsonElement> manifests) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Single(manifests, "ConfigMap", "glance-settings").GetProperty("data").EnumerateObject()
                .Select(e => new KeyValuePair<string, string?>(e.Name.Replace("__", ":", StringComparison.Ordinal), e.Value.GetString())))
            .Build();

    private static Dictionary<string, string?> PodLabels(JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString());

    private static Dictionary<string, string?> Selector(JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("selector").GetProperty("matchLabels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString());

    private static IEnumerable<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!) : [value.GetString()!];

    [GeneratedRegex(@"\.(?<operation>GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchWriteItem|BatchGetItem|TransactWriteItems|TransactGetItems|CreateTable|DescribeTable|UpdateTable|DeleteTable|ListTables|UpdateTimeToLive|DescribeTimeToLive)Async\(")]
    private static partial Regex DynamoCall();

    [GeneratedRegex("SendAsync\\(\"(?<operation>[A-Za-z]+)\"")]
    private static partial Regex RekognitionCall();
}
