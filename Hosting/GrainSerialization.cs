using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Glance.Hosting;

/// <summary>
/// Grain messages carry only Grains.Interfaces records, which have generated codecs. Grain state may hold media types
/// from projects that know nothing of Orleans (a stream grain's playlist cursor): those are written as JSON.
/// </summary>
public static class GrainSerialization
{
    public static IServiceCollection AddGlanceSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsMediaType));

    private static bool IsMediaType(Type type) =>
        type.Namespace?.StartsWith("Glance.Media", StringComparison.Ordinal) == true;
}
