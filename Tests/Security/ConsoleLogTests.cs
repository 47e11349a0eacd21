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
        using var folder = new TemporaryDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Glance.Api.dll"), "--urls", "http://127.0.0.1:0", "--Demo:Enabled=false", "--Storage:Provider=Memory" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
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

        lines.Should().Contain(l => l.Contains("Application started", StringComparison.Ordinal) && l.StartsWith('{'), "the console writes JSON lines");
        foreach (var line in lines.Where(l => l.StartsWith('{')))
        {
            var timestamp = JsonDocument.Parse(line).RootElement.GetProperty("Timestamp").GetString()!;
            timestamp.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+\+00:00$", "line {0}", line);
            DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture).Offset.Should().Be(TimeSpan.Zero);
        }
    }

    [Fact]
    public void The_embedded_default_listens_on_loopback_only()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))).RootElement;
        new Uri(settings.GetProperty("Urls").GetString()!).Host.Should().Be("127.0.0.1");
    }
}
