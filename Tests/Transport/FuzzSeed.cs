using System.Globalization;
using Xunit.Abstractions;

namespace Glance.Tests.Transport;

/// <summary>
/// The seed of a mutation (fuzz) test: GLANCE_FUZZ_SEED when set (to replay a failure), a fresh one otherwise; printed
/// to the test output either way.
/// </summary>
internal static class FuzzSeed
{
    public const string Variable = "GLANCE_FUZZ_SEED";

    public static int Choose(ITestOutputHelper output)
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        var seed = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"Fuzz seed: {seed} (replay with {Variable}={seed})");
        return seed;
    }
}
