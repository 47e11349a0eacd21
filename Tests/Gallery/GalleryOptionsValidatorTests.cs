using Glance.Grains.Gallery;
using Glance.Grains.Interfaces.Gallery;

namespace Glance.Tests.Gallery;

public sealed class GalleryOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_job_settings_out_of_range_are_named()
    {
        var validator = new GalleryOptionsValidator();

        validator.Validate(null, new GalleryOptions()).Succeeded.Should().BeTrue();
        var result = validator.Validate(null, new GalleryOptions { MaxConcurrentJobsPerSilo = 0, JobTimeout = TimeSpan.Zero, JobWakePeriod = TimeSpan.FromDays(1), JobRetention = TimeSpan.Zero });

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(4).And.Contain(f => f.StartsWith("Gallery:MaxConcurrentJobsPerSilo", StringComparison.Ordinal)).And.Contain(f => f.StartsWith("Gallery:JobRetention", StringComparison.Ordinal));
    }
}
