using Glance.Detection;
using Glance.Detection.Rekognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Rekognition;

public sealed class RekognitionRegistrationTests
{
    [Fact]
    public void Only_the_enabled_operations_become_detectors_sharing_one_client()
    {
        using var provider = Build(new()
        {
            ["Detection:Rekognition:Region"] = "eu-west-1",
            ["Detection:Rekognition:Operations"] = "Labels, Faces, CustomLabels",
            ["Detection:Rekognition:CollectionId"] = "broadcaster-42",
            ["Detection:Rekognition:ProjectVersionArn"] = "arn:aws:rekognition:eu-west-1:123456789012:project/sports/version/v1/1",
            ["Detection:Rekognition:CustomLabelKinds:Basketball"] = "Sport",
        });

        var detectors = provider.GetServices<IFrameDetector>().ToList();

        detectors.Select(d => d.Name).Should().BeEquivalentTo("rekognition.labels", "rekognition.faces", "rekognition.custom-labels");
        detectors.Single(d => d.Name == "rekognition.custom-labels").Kinds.Should().Contain(DetectionKind.Sport);
        provider.GetRequiredService<RekognitionClient>().Should().BeSameAs(provider.GetRequiredService<RekognitionClient>());
        provider.GetRequiredService<RekognitionClient>().Endpoint.Should().Be(new Uri("https://rekognition.eu-west-1.amazonaws.com/"));
    }

    [Fact]
    public void Face_search_without_a_collection_is_refused_with_the_reason()
    {
        using var provider = Build(new() { ["Detection:Rekognition:Operations"] = "Faces" });

        var act = () => provider.GetRequiredService<IOptions<RekognitionOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*CollectionId*");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRekognitionDetectors(configuration).BuildServiceProvider();
    }
}
