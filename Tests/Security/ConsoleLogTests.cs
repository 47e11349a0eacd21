using System.Diagnostics;
using System.Text.Json;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Security;

/// <summary>The real API executable's console: JSON lines, each with a UTC ISO 8601 timestamp; loopback by default.</summary>
public sealed class ConsoleLogTests
{
    [Fact]
    public async Task Every_json_log_line_carries_a_utc_iso_8601_timestamp()
    {
        var lines = await StartupLinesAsync(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>());

        lines.Should().Contain(l => l.Contains("Application started", StringComparison.Ordinal) && l.StartsWith('{'), "the console writes JSON lines");
        foreach (var line in lines.Where(l => l.StartsWith('{')))
        {
            var timestamp = JsonDocument.Parse(line).RootElement.GetProperty("Timestamp").GetString()!;
            timestamp.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+\+00:00$", "line {0}", line);
            DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).Offset.Should().Be(TimeSpan.Zero);
        }
    }

    [Fact]
    public void The_embedded_default_listens_on_loopback_only() =>
        new Uri(Glance.Api.Http.PublicApi.DefaultUrls).Host.Should().Be("127.0.0.1");

    [Fact]
    public async Task Container_conventions_choose_where_it_listens()
    {
        var urlsPort = FreePort.Next();
        var byUrls = await StartupLinesAsync([], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{urlsPort}" });
        var portsPort = FreePort.Next();
        var byPorts = await StartupLinesAsync([], new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = portsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        byUrls.Should().Contain(l => l.Contains($"127.0.0.1:{urlsPort}", StringComparison.Ordinal) && l.Contains("Now listening", StringComparison.Ordinal));
        byPorts.Should().Contain(l => l.Contains($":{portsPort}", StringComparison.Ordinal) && l.Contains("Now listening", StringComparison.Ordinal));
    }

    /// <summary>Starts the built API (no demo, memory store, its own silo port) and returns its console lines up to "Application started".</summary>
    private static async Task<List<string>> StartupLinesAsync(string[] arguments, Dictionary<string, string> environment)
    {
        using var folder = new TemporaryDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Glance.Api.dll"), "--Demo:Enabled=false", "--Storage:Provider=Memory", $"--Orleans:SiloPort={FreePort.Next()}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var api = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await api.StandardOutput.ReadLineAsync(waiting.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Application started", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }

        return lines;
    }
}
