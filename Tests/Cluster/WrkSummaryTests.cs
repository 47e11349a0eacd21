using Glance.Benchmarks.Harness;

namespace Glance.Tests.Cluster;

public sealed class WrkSummaryTests
{
    private const string Output = """
        Running 10s test @ http://127.0.0.1:5000
          2 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     3.12ms    2.01ms  40.10ms   80.00%
          Latency Distribution
             50%    2.97ms
             75%    4.01ms
             90%    5.50ms
             99%   12.40ms
          170740 requests in 10.00s, 80.12MB read
          Non-2xx or 3xx responses: 12
        Requests/sec:  17074.12
        Transfer/sec:      8.01MB
        """;

    [Fact]
    public void A_latency_run_gives_rate_percentiles_in_milliseconds_and_failures()
    {
        WrkSummary.Parse(Output).Should().Be(new WrkSummary(17074.12, 2.97, 12.40, 12));
    }

    [Fact]
    public void Microseconds_and_seconds_become_milliseconds_and_a_clean_run_has_no_failures()
    {
        var output = Output.Replace("2.97ms", "950.00us", StringComparison.Ordinal).Replace("12.40ms", "1.20s", StringComparison.Ordinal)
            .Replace("  Non-2xx or 3xx responses: 12\n", string.Empty, StringComparison.Ordinal);

        WrkSummary.Parse(output).Should().Be(new WrkSummary(17074.12, 0.95, 1200, 0));
    }

    [Fact]
    public void Output_without_a_rate_line_is_no_summary()
    {
        WrkSummary.Parse("unable to connect to 127.0.0.1:5000 Connection refused").Should().BeNull();
    }
}
