using System.Threading.RateLimiting;
using Amazon.Runtime;
using Glance.Detection.Rekognition;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Rekognition;

/// <summary>A started local server and a client pointed at it, with fast retries; disposed after each test.</summary>
internal sealed class RekognitionHarness : IAsyncDisposable
{
    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private RekognitionHarness(LocalRekognitionServer server, RekognitionOptions options, AWSCredentials? credentials, RateLimiter? budget)
    {
        Server = server;
        Options = options;
        Client = new RekognitionClient(http, Microsoft.Extensions.Options.Options.Create(options), credentials ?? TestCredentials, budget);
        Encoder = new RekognitionImageEncoder(Codec, Microsoft.Extensions.Options.Options.Create(options));
    }

    public static AWSCredentials TestCredentials { get; } = new BasicAWSCredentials(LocalRekognitionServer.AccessKey, LocalRekognitionServer.SecretKey);

    public static FfmpegImageCodec Codec { get; } = new(Microsoft.Extensions.Options.Options.Create(new FfmpegOptions()));

    public LocalRekognitionServer Server { get; }

    public RekognitionOptions Options { get; }

    public RekognitionClient Client { get; }

    public RekognitionImageEncoder Encoder { get; }

    public IOptions<RekognitionOptions> WrappedOptions => Microsoft.Extensions.Options.Options.Create(Options);

    public static async Task<RekognitionHarness> StartAsync(
        Action<RekognitionOptions>? configure = null,
        AWSCredentials? credentials = null,
        RateLimiter? budget = null)
    {
        var server = await LocalRekognitionServer.StartAsync();
        var options = new RekognitionOptions
        {
            Region = LocalRekognitionServer.Region,
            Endpoint = server.Endpoint,
            MaxRequestsPerSecond = 1000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            Timeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new RekognitionHarness(server, options, credentials, budget);
    }

    private static readonly Lazy<Task<byte[]>> SmallJpeg =
        new(() => Codec.EncodeJpegAsync(Media.FfmpegImageCodecTests.Gradient(64, 48), 90, CancellationToken.None));

    /// <summary>A real (ffmpeg-made) 64x48 JPEG, made once for the test run.</summary>
    public static Task<byte[]> SmallJpegAsync() => SmallJpeg.Value;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        http.Dispose();
        await Server.DisposeAsync();
    }
}
