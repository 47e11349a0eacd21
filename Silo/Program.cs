using Glance.Silo.Cli;

namespace Glance.Silo;

/// <summary>The Silo program: the operator's command line (serve, inspect).</summary>
internal static class SiloProgram
{
    private static Task<int> Main(string[] args) => SiloCommandLine.RunAsync(args);
}
