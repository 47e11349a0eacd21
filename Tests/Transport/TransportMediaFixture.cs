namespace Glance.Tests.Transport;

/// <summary>
/// ffmpeg-made transport streams shared by the transport tests, generated once into a temporary directory:
/// the command as is (ffmpeg's defaults), a remux of it with a PCR every 20 ms, and HLS outputs (-f hls
/// -hls_time 2) with ffmpeg's defaults and with PAT/PMT every 100 ms.
/// </summary>
public sealed class TransportMediaFixture : IAsyncLifetime
{
    public const int VideoPid = 0x100;
    public const int AudioPid = 0x101;
    public const int PmtPid = 0x1000;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "glance-ts-" + Guid.NewGuid().ToString("N"));

    public string Directory => directory;

    /// <summary>ffmpeg -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine -t 6 -c:v libx264 -g 30 -c:a aac -f mpegts.</summary>
    public byte[] DefaultTs { get; private set; } = [];

    /// <summary>The same content remuxed with -pcr_period 20 (PCR every 20 ms, below the 40 ms of TR 101 290).</summary>
    public byte[] CompliantTs { get; private set; } = [];

    public IReadOnlyList<byte[]> DefaultHlsSegments { get; private set; } = [];

    public IReadOnlyList<byte[]> CompliantHlsSegments { get; private set; } = [];

    public string DefaultTsPath => Path.Combine(directory, "default.ts");

    public string DefaultHlsPath(int index) => Path.Combine(directory, "hls-default", $"segment{index}.ts");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(directory);
        await FfmpegTool.FfmpegAsync(directory, "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine",
            "-t", "6", "-c:v", "libx264", "-g", "30", "-c:a", "aac", "-f", "mpegts", "default.ts");
        await FfmpegTool.FfmpegAsync(directory, "-i", "default.ts", "-c", "copy", "-pcr_period", "20", "-f", "mpegts", "compliant.ts");
        DefaultTs = await File.ReadAllBytesAsync(DefaultTsPath);
        CompliantTs = await File.ReadAllBytesAsync(Path.Combine(directory, "compliant.ts"));

        DefaultHlsSegments = await MakeHlsAsync("hls-default");
        // ffmpeg's HLS muxer asks its TS muxer for one PAT/PMT per segment (it sets pat_period very large); set it back.
        CompliantHlsSegments = await MakeHlsAsync("hls-compliant", "-hls_segment_options", "pat_period=0.1:pcr_period=20");
    }

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is not a test failure.
        }

        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<byte[]>> MakeHlsAsync(string name, params string[] extra)
    {
        var output = Path.Combine(directory, name);
        System.IO.Directory.CreateDirectory(output);
        await FfmpegTool.FfmpegAsync(directory, ["-i", "default.ts", "-c", "copy", "-f", "hls", "-hls_time", "2", "-hls_list_size", "0",
            "-hls_segment_filename", Path.Combine(output, "segment%d.ts"), .. extra, Path.Combine(output, "index.m3u8")]);
        var segments = new List<byte[]>();
        for (var i = 0; File.Exists(Path.Combine(output, $"segment{i}.ts")); i++)
        {
            segments.Add(await File.ReadAllBytesAsync(Path.Combine(output, $"segment{i}.ts")));
        }

        return segments;
    }
}

[CollectionDefinition(Name)]
public sealed class TransportMediaCollection : ICollectionFixture<TransportMediaFixture>
{
    public const string Name = "transport-media";
}
