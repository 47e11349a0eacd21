using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Glance.Hosting;

/// <summary>
/// Defaults shared by both hosts, placed under every other configuration source so appsettings, environment
/// variables (Storage__Provider=DynamoDb, ASPNETCORE_URLS) and --Key=Value arguments all override them.
/// </summary>
internal static class SiloDefaults
{
    public static void AddTo(IConfigurationBuilder configuration, IDictionary<string, string?> hostSpecific)
    {
        var defaults = new Dictionary<string, string?>
        {
            // Structured logs: one JSON object per line, what log collectors on Kubernetes expect.
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
            // Without a format the JSON formatter writes no timestamp at all; this is ISO 8601 (UTC above, so +00:00).
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffzzz",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // Orleans narrates its start-up at Information (every option, every queue agent); its warnings matter.
            ["Logging:LogLevel:Orleans"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Storage:Provider"] = "Sqlite",
        };
        foreach (var (key, value) in hostSpecific)
        {
            defaults[key] = value;
        }

        // A default address would win over ASPNETCORE_HTTP_PORTS (Kestrel ignores ports when urls are set), which
        // is how containers are told where to listen: ports given, no default address.
        if (configuration is IConfiguration current && (current["http_ports"] ?? current["https_ports"]) is not null)
        {
            defaults.Remove("Urls");
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
    }
}
