using Glance.Media.Processes;

namespace Glance.Tests.Cli;

/// <summary>Runs the built Silo program as an operator would, in its own process.</summary>
internal static class SiloCli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "Glance.Silo.dll");
        var result = await ChildProcess.RunAsync(
            new ChildProcessRequest("dotnet", [silo, .. arguments]) { Timeout = TimeSpan.FromMinutes(2) },
            CancellationToken.None);
        return (result.ExitCode, System.Text.Encoding.UTF8.GetString(result.StandardOutput), result.StandardErrorTail);
    }
}
