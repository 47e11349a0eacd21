using Glance.Grains.Engagement.Learning;

namespace Glance.Tests.Engagement.Learning;

public sealed class LearningOptionsValidatorTests
{
    [Fact]
    public void Defaults_pass_and_every_out_of_range_value_is_named()
    {
        var validator = new LearningOptionsValidator();
        validator.Validate(null, new LearningOptions()).Succeeded.Should().BeTrue();

        var result = validator.Validate(null, new LearningOptions
        {
            ExplorationRate = 1.5,
            Ridge = 0,
            MinArmUpdates = -1,
            MaxArms = 0,
            AttributionWindow = TimeSpan.Zero,
            SnapshotRefresh = TimeSpan.FromSeconds(-1),
        });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().ContainAll("ExplorationRate", "Ridge", "MinArmUpdates", "MaxArms", "AttributionWindow", "SnapshotRefresh");
    }
}
