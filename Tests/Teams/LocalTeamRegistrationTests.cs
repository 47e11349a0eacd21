using Glance.Detection;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Teams;

/// <summary>Each local concern registers itself; the teams detector brings the text and logo parts it reads through.</summary>
public sealed class LocalTeamRegistrationTests
{
    [Fact]
    public void Teams_bring_text_and_logos_and_a_second_registration_adds_no_second_detector()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddLocalTeams(configuration);
        services.AddLocalText(configuration);
        services.AddLocalLogos(configuration);

        // A detector is registered through a factory that hands out its own singleton: the factory's result type is the detector.
        services.Where(d => d.ServiceType == typeof(IFrameDetector)).Select(d => d.ImplementationType ?? d.ImplementationFactory?.GetType().GenericTypeArguments[1])
            .Should().BeEquivalentTo([typeof(LocalTeamDetector), typeof(LocalTextDetector), typeof(LocalLogoDetector)]);
        services.Should().Contain(d => d.ServiceType == typeof(TextRecognizer)).And.Contain(d => d.ServiceType == typeof(LogoMatcher));
    }
}
