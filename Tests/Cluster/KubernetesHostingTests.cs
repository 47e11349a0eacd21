using System.Net;
using Glance.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Glance.Tests.Cluster;

/// <summary>
/// Orleans__Kubernetes wires Orleans' own Kubernetes hosting into the cluster-mode silo: its identity comes from the
/// pod's downward-API variables (deploy/eks/deployment.yaml), not from our settings. The host is built, not started:
/// starting it would watch pods through a Kubernetes API server, which does not run here (see docs/ARCHITECTURE.md).
/// </summary>
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["POD_NAME"] = "glance-7d9c5b6f4-x2kqp",
        ["POD_NAMESPACE"] = "glance",
        ["POD_IP"] = "10.0.3.17",
        ["ORLEANS_CLUSTER_ID"] = "glance-prod",
        ["ORLEANS_SERVICE_ID"] = "glance",
    };

    [Fact]
    public void In_a_pod_the_silo_is_named_after_the_pod_advertises_its_IP_and_joins_the_labelled_cluster()
    {
        var resolved = Resolve(kubernetes: true);

        resolved.Silo.SiloName.Should().Be("glance-7d9c5b6f4-x2kqp");
        resolved.Endpoints.AdvertisedIPAddress.Should().Be(IPAddress.Parse("10.0.3.17"));
        resolved.Endpoints.SiloListeningEndpoint.Should().Be(new IPEndPoint(IPAddress.Any, 11111));
        resolved.Endpoints.GatewayListeningEndpoint.Should().BeNull("the Api is co-hosted: no external Orleans clients");
        resolved.Cluster.ClusterId.Should().Be("glance-prod");
        resolved.Cluster.ServiceId.Should().Be("glance");
    }

    [Fact]
    public void Without_the_switch_the_pod_variables_are_not_read()
    {
        var resolved = Resolve(kubernetes: false);

        resolved.Silo.SiloName.Should().NotBe("glance-7d9c5b6f4-x2kqp");
        resolved.Endpoints.AdvertisedIPAddress.Should().Be(IPAddress.Loopback, "the configured address");
        resolved.Cluster.ClusterId.Should().Be("settings-cluster");
    }

    private static (Orleans.Configuration.SiloOptions Silo, EndpointOptions Endpoints, ClusterOptions Cluster) Resolve(bool kubernetes)
    {
        // The hosting package reads the process environment, as a pod provides it; set only for the resolution.
        lock (Pod)
        {
            foreach (var (name, value) in Pod)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            try
            {
                var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Hosting:Mode"] = "Cluster",
                    ["Storage:Provider"] = "DynamoDb",
                    ["Storage:DynamoDb:ServiceUrl"] = "http://127.0.0.1:9",
                    ["Storage:DynamoDb:Region"] = "us-east-1",
                    ["Orleans:ClusterId"] = "settings-cluster",
                    ["Orleans:ServiceId"] = "settings-service",
                    ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
                    ["Orleans:Dashboard"] = "false",
                    ["Orleans:Kubernetes"] = kubernetes ? "true" : "false",
                });
                builder.AddSiloRole();
                using var app = builder.Build();
                return (
                    app.Services.GetRequiredService<IOptions<Orleans.Configuration.SiloOptions>>().Value,
                    app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value,
                    app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value);
            }
            finally
            {
                foreach (var name in Pod.Keys)
                {
                    Environment.SetEnvironmentVariable(name, null);
                }
            }
        }
    }
}
