namespace Glance.Silo.Cli;

/// <summary>One <c>Silo inspect &lt;target&gt;</c> verb: reads a file or URL and prints JSON on stdout.</summary>
public interface IInspectVerb
{
    /// <summary>The target word, for example "playlist".</summary>
    string Name { get; }

    /// <summary>One line: arguments and options.</summary>
    string Usage { get; }

    /// <exception cref="CommandLineException">Bad arguments or unusable input.</exception>
    Task RunAsync(IReadOnlyList<string> arguments, Stream standardOutput, CancellationToken cancellationToken);
}
