using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Monitoring;

namespace Glance.Tests.Monitoring;

public sealed class MonitoringOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_a_threshold_out_of_range_is_named()
    {
        var validator = new MonitoringOptionsValidator();

        validator.Validate(null, new MonitoringOptions()).Succeeded.Should().BeTrue();
        var failed = validator.Validate(null, new MonitoringOptions { LogoMinShare = 60, Disabled = [MonitoringCheck.Captions] });
        failed.Failed.Should().BeTrue();
        failed.FailureMessage.Should().Contain("Monitoring:logoMinShare");
    }
}
