using Orleans.Dashboard;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Glance.Grains.Hosting;
using Glance.Grains.Interfaces.Streams;
using Glance.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Hosting.Kubernetes;

namespace Glance.Hosting;

/// <summary>
/// The Orleans silo of either mode. Embedded: one silo on localhost, grain state, stream pub-sub and reminders in
/// SQLite. Cluster: membership, grain state and reminders in DynamoDB, each silo reachable on its advertised address.
/// Everything here is configuration: activation, placement, directory, membership, reminders and stream delivery are
/// Orleans' own.
/// </summary>
internal static class OrleansSilo
{
    public static void Configure(ISiloBuilder silo, IConfiguration configuration, HostingMode mode)
    {
        var options = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var workloads = configuration.GetSection(SiloWorkloadOptions.SectionName).Get<SiloWorkloadOptions>() ?? new SiloWorkloadOptions();

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (mode == HostingMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        else
        {
            if (options.Kubernetes)
            {
                // Silo name = pod name, advertised address = pod IP, cluster and service ids from the pod's labels (the
                // downward API's POD_* and ORLEANS_* variables), and a pod that Kubernetes deletes is declared dead at
                // once instead of after missed probes. Membership itself stays in DynamoDB.
                silo.UseKubernetesHosting();

                // The package fills in the pod IP only where no address is set after every Configure, and Orleans' own
                // default (a DNS pick) has set one by then: take the pod IP from the variable the package names.
                silo.Configure<EndpointOptions>(o =>
                {
                    if (Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodIPEnvironmentVariable) is { Length: > 0 } podIp)
                    {
                        o.AdvertisedIPAddress = IPAddress.Parse(podIp);
                    }
                });
            }

            silo.Configure<ClusterMembershipOptions>(o => o.IAmAliveTablePublishTimeout = options.IAmAlivePeriod);
            silo.Configure<EndpointOptions>(o =>
            {
                if (!options.Kubernetes)
                {
                    o.AdvertisedIPAddress = options.ParsedAdvertisedAddress() ?? FirstNonLoopbackAddress();
                }

                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
                o.GatewayListeningEndpoint = options.GatewayPort > 0 ? new IPEndPoint(IPAddress.Any, options.GatewayPort) : null;
            });
        }

        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.CallTimeout);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = options.CollectionAge);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = options.MinimumReminderPeriod);

        OrleansStorage.Configure(silo, storage, mode);

        silo.AddMemoryStreams(StreamNames.Provider);
        silo.Services.AddGlanceSerialization();
        // A list the validator refuses stops the host at start, before this metadata is published to anyone.
        silo.AddWorkloadPlacement(workloads.Parsed());
        if (options.DashboardEnabled(mode))
        {
            // Live log streaming would show every log line to the dashboard's viewer; logs go to the platform's collector.
            silo.AddDashboard(o => o.HideTrace = true);
        }
    }

    private static IPAddress FirstNonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
        ?? IPAddress.Loopback;
}
