using Glance.Grains.Placement;
using Microsoft.Extensions.Options;

namespace Glance.Hosting;

/// <summary>Refuses a workload list the placement filter could not act on, naming the key and the accepted names.</summary>
public sealed class SiloWorkloadOptionsValidator : IValidateOptions<SiloWorkloadOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloWorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = $"{SiloWorkloadOptions.SectionName}:{nameof(SiloWorkloadOptions.Workloads)}";
        var accepted = string.Join(", ", SiloWorkloads.All);
        var workloads = options.Parsed();
        if (workloads.Count == 0)
        {
            // A silo for nothing would still be chosen by the fallback; an empty setting is a mistake, not a wish.
            return ValidateOptionsResult.Fail($"{key} must name at least one of {accepted}.");
        }

        var unknown = workloads.Where(w => !SiloWorkloads.All.Contains(w, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key} names {string.Join(", ", unknown.Select(w => $"'{w}'"))}; the workloads are {accepted}.");
    }
}
