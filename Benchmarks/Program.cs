using System.Reflection;
namespace Glance.Benchmarks;

/// <summary>Runs named benchmarks; see docs/benchmarks.md for the figures and the machine they ran on.</summary>
internal static class BenchmarkProgram
{
    private static async Task<int> Main(string[] args)
    {
        // Usage: dotnet run -c Release --project Benchmarks -- <name ...|all> [--quick] [--markdown <file>]
        var quick = args.Contains("--quick");
        var markdownIndex = Array.IndexOf(args, "--markdown");
        var markdownPath = markdownIndex >= 0 && markdownIndex + 1 < args.Length ? args[markdownIndex + 1] : null;
        var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (markdownIndex < 0 || i != markdownIndex + 1)).ToList();

        var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();

        if (names.Count == 0)
        {
            Console.WriteLine("Benchmarks (run with a name, several names, or 'all'; add --quick for a short smoke run):");
            foreach (var b in benchmarks)
            {
                Console.WriteLine($"  {b.Name,-24} {b.Description}");
            }

            return 0;
        }

        var selected = names.Contains("all") ? benchmarks : benchmarks.Where(b => names.Contains(b.Name)).ToList();
        var unknown = names.Where(n => n != "all" && benchmarks.All(b => b.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Run without arguments to list them.");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var markdown = new System.Text.StringBuilder();
        foreach (var benchmark in selected)
        {
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
            var report = new BenchmarkReport(quick);
            await benchmark.RunAsync(report, cancellation.Token);
            markdown.AppendLine(report.ToMarkdown(benchmark.Name)).AppendLine();
        }

        if (markdownPath is not null)
        {
            await File.WriteAllTextAsync(markdownPath, markdown.ToString());
        }

        return 0;
    }
}
