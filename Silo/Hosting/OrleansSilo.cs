using Orleans.Dashboard;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Glance.Grains.Interfaces.Streams;
using Glance.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Glance.Silo.Hosting;

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
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = options.ParsedAdvertisedAddress() ?? FirstNonLoopbackAddress();
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
