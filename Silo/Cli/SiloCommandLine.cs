using System.Reflection;
using Glance.Hosting;

namespace Glance.Silo.Cli;

/// <summary>
/// The operator's command line: <c>serve</c> (the default) runs the silo role headless; <c>inspect &lt;target&gt;</c>
/// analyses one input and prints JSON. Exit codes: 0 success, 1 failure, 2 bad input (with a one-line reason on stderr).
/// </summary>
public static class SiloCommandLine
{
    public const int BadInput = 2;

    public const int Failure = 1;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var verbs = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IInspectVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IInspectVerb)Activator.CreateInstance(t)!)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        try
        {
            switch (args.FirstOrDefault())
            {
                case null or "serve":
                    await SiloHost.RunAsync(args.Skip(1).ToArray(), cancellationToken);
                    return 0;
                case "inspect":
                    return await InspectAsync(args, verbs, cancellationToken);
                case "-h" or "--help" or "help":
                    await Console.Out.WriteAsync(Help(verbs));
                    return 0;
                default:
                    throw new CommandLineException($"Unknown command '{args[0]}'. Commands: serve, inspect. Run 'Silo --help' for usage.");
            }
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return BadInput;
        }
        catch (Exception e) when (e is not OperationCanceledException && args.FirstOrDefault() == "inspect")
        {
            // An inspect verb failing for a reason of its own (a missing tool, an unreadable model) still ends in one line.
            await Console.Error.WriteLineAsync($"inspect failed: {e.Message}");
            return Failure;
        }
    }

    private static async Task<int> InspectAsync(string[] args, List<IInspectVerb> verbs, CancellationToken cancellationToken)
    {
        var target = args.Length > 1 ? args[1] : null;
        var verb = verbs.FirstOrDefault(v => v.Name == target)
            ?? throw new CommandLineException(target is null
                ? $"inspect needs a target: {string.Join(", ", verbs.Select(v => v.Name))}."
                : $"Unknown inspect target '{target}'. Targets: {string.Join(", ", verbs.Select(v => v.Name))}.");
        await using var stdout = Console.OpenStandardOutput();
        await verb.RunAsync(args.Skip(2).ToArray(), stdout, cancellationToken);
        await stdout.FlushAsync(cancellationToken);
        return 0;
    }

    private static string Help(List<IInspectVerb> verbs) =>
        "Usage:\n" +
        "  Silo [serve]                 run the silo role (configuration: appsettings.json, environment, --Key=Value)\n" +
        string.Concat(verbs.Select(v => $"  Silo inspect {v.Name} {v.Usage}\n")) +
        "Exit codes: 0 success, 1 failure, 2 bad input (one line on stderr).\n";
}
