using Glance.Demo.Channel;
using Glance.Media.Hls;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Demo;

/// <summary>
/// One synthetic channel run for all the content tests: 2 s segments and a 12 s cycle (the default script squeezed),
/// long enough for a whole cycle and then stopped, so the detectors have the machine to themselves. The segments are
/// copied as they were listed.
/// </summary>
public sealed class DemoChannelFixture : IAsyncLifetime
{
    public const int SegmentSeconds = 2;
    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(12);

    private readonly TemporaryDirectory folder = new();

    public SyntheticChannel Channel { get; private set; } = null!;

    public MediaPlaylist Playlist { get; private set; } = null!;

    public string PlaylistText { get; private set; } = string.Empty;

    /// <summary>The listed segments' bytes, in playlist order.</summary>
    public IReadOnlyList<byte[]> Segments { get; private set; } = [];

    public DemoAssets Assets => Channel.Assets;

    public static SyntheticChannel Create(string folder, Func<SyntheticChannelOptions, SyntheticChannelOptions>? configure = null)
    {
        var options = new SyntheticChannelOptions
        {
            OutputFolder = folder,
            SegmentSeconds = SegmentSeconds,
            Programme = DemoProgramme.ScaledTo(Cycle),
            FacePhotoPath = Path.Combine(RepositoryPaths.Root, "node_modules", "@vladmandic", "face-api", "demo", "sample1.jpg"),
        };
        return new SyntheticChannel(Options.Create(configure?.Invoke(options) ?? options), NullLogger<SyntheticChannel>.Instance);
    }

    public async Task InitializeAsync()
    {
        Channel = Create(Path.Combine(folder.Path, "channel"));
        await Channel.StartAsync(CancellationToken.None);
        // A whole cycle plus a segment, so every part of the script is in some segment whatever the phase at start.
        var wanted = (int)(Cycle.TotalSeconds / SegmentSeconds) + 2;
        await Channel.WaitForSegmentsAsync(wanted, TimeSpan.FromSeconds(90), CancellationToken.None);
        PlaylistText = await File.ReadAllTextAsync(Channel.PlaylistPath);
        Playlist = (MediaPlaylist)PlaylistParser.Parse(PlaylistText, new Uri(Channel.PlaylistPath));
        Segments = Playlist.Segments.Select(s => File.ReadAllBytes(s.Uri.LocalPath)).ToList();
        await Channel.StopAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Channel.DisposeAsync();
        folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoChannelCollection : ICollectionFixture<DemoChannelFixture>
{
    public const string Name = "Demo channel";
}
