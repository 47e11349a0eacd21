namespace Glance.Grains.Gallery;

/// <summary>Refuses gallery job settings the jobs could not run with, naming the key to fix.</summary>
public sealed class GalleryOptionsValidator : IValidateOptions<GalleryOptions>
{
    public ValidateOptionsResult Validate(string? name, GalleryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxConcurrentJobsPerSilo is < 1 or > 64)
        {
            failures.Add($"{GalleryOptions.SectionName}:MaxConcurrentJobsPerSilo must be 1-64 jobs, not {options.MaxConcurrentJobsPerSilo}.");
        }

        if (options.JobTimeout < TimeSpan.FromSeconds(1) || options.JobTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{GalleryOptions.SectionName}:JobTimeout must be between 00:00:01 and 01:00:00, not {options.JobTimeout}.");
        }

        if (options.JobWakePeriod < TimeSpan.FromSeconds(1) || options.JobWakePeriod > TimeSpan.FromHours(1))
        {
            failures.Add($"{GalleryOptions.SectionName}:JobWakePeriod must be between 00:00:01 and 01:00:00, not {options.JobWakePeriod}.");
        }

        if (options.JobRetention < TimeSpan.FromSeconds(1) || options.JobRetention > TimeSpan.FromDays(366))
        {
            failures.Add($"{GalleryOptions.SectionName}:JobRetention must be between 00:00:01 and 366.00:00:00, not {options.JobRetention}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
