using Glance.Grains.Engagement;
using Glance.Grains.Interfaces.Engagement;

namespace Glance.Tests.Engagement;

public sealed class EngagementOptionsValidatorTests
{
    [Fact]
    public void Defaults_pass_and_every_out_of_range_value_is_named()
    {
        var validator = new EngagementOptionsValidator();
        validator.Validate(null, new EngagementOptions()).Succeeded.Should().BeTrue();
        validator.Validate(null, new EngagementOptions { DismissalSuppression = TimeSpan.Zero, MaxUnsavedDecisions = 1 }).Succeeded.Should().BeTrue("zero turns suppression off; one held decision is a bound");

        var result = validator.Validate(null, new EngagementOptions
        {
            MaxUnsavedDecisions = 0,
            MaxCachedCatalogs = 0,
            DecisionSaveInterval = TimeSpan.FromMinutes(2),
            CatalogRefresh = TimeSpan.Zero,
            DismissalSuppression = TimeSpan.FromSeconds(-1),
        });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().ContainAll("MaxUnsavedDecisions", "MaxCachedCatalogs", "DecisionSaveInterval", "CatalogRefresh", "DismissalSuppression");
    }
}
