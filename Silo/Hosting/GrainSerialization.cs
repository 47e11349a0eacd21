using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Glance.Silo.Hosting;

/// <summary>
/// Media and detection types travel inside grain messages (a logo template, a gallery's detection context) but live in
/// projects that know nothing of Orleans: they cross as JSON. Everything in Grains.Interfaces has generated codecs.
/// </summary>
public static class GrainSerialization
{
    public static IServiceCollection AddGlanceSerialization(this IServiceCollection services) =>
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: IsMediaOrDetectionType));

    private static bool IsMediaOrDetectionType(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("Glance.Media", StringComparison.Ordinal) || ns.StartsWith("Glance.Detection", StringComparison.Ordinal));
}
