using Glance.Detection.Local.Classifiers;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Objects;
using Glance.Media.Images;
using Glance.Tests.Api;
using Glance.Tests.Faces;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Tests.Gallery;

/// <summary>
/// The real API host with the detectors the gallery endpoints use. The host may register them itself; what is missing
/// is added here (face models only when installed, so that a machine without them still starts the host and the face
/// tests skip, naming what is missing).
/// </summary>
public sealed class GalleryApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((context, services) =>
        {
            if (FaceModelFiles.Installed && services.All(d => d.ServiceType != typeof(LocalFaceDetector)))
            {
                services.AddLocalFaces(context.Configuration);
            }

            if (services.All(d => d.ServiceType != typeof(ImageClassifierTrainer)))
            {
                services.AddLocalObjectDetection(context.Configuration); // the network loads on first use only
            }

            services.TryAddSingleton<FfmpegImageCodec>();
            services.TryAddSingleton<LogoMatcher>();
            services.TryAddSingleton<LogoUploadPreparer>();
        });
    }
}

/// <summary>One API host for all gallery API tests (each test makes its own tenant).</summary>
[CollectionDefinition(Name)]
public sealed class GalleryApiCollection : ICollectionFixture<GalleryApiFactory>
{
    public const string Name = "Gallery API";
}
