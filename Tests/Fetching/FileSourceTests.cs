using System.Text;
using Glance.Media.Fetching;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Fetching;

/// <summary>file:// sources: off by default, and when on, only inside the allowed roots with every link resolved.</summary>
public sealed class FileSourceTests : IDisposable
{
    private const string Playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n";
    private readonly TemporaryDirectory temp = new();
    private readonly string root;
    private readonly string outside;

    public FileSourceTests()
    {
        root = Directory.CreateDirectory(Path.Combine(temp.Path, "media")).FullName;
        outside = Directory.CreateDirectory(Path.Combine(temp.Path, "secrets")).FullName;
        File.WriteAllText(Path.Combine(root, "live.m3u8"), Playlist);
        File.WriteAllText(Path.Combine(outside, "secret.m3u8"), "#EXTM3U\n# secret\n");
    }

    public void Dispose() => temp.Dispose();

    private SourceFetcher Fetcher(bool allowFiles = true, long maxSegmentBytes = 1024 * 1024)
    {
        var options = Options.Create(SourceFetcherTests.FastOptions(o =>
        {
            o.AllowFileSources = allowFiles;
            o.AllowedFileRoots = allowFiles ? [root] : [];
            o.MaxSegmentBytes = maxSegmentBytes;
        }));
        return new SourceFetcher(new SsrfGuard(options, new StaticHostResolver()), TestMeters.Fetch());
    }

    private static Uri FileUrl(string path) => new(path);

    [Fact]
    public async Task A_file_under_an_allowed_root_is_read()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchPlaylistAsync(FileUrl(Path.Combine(root, "live.m3u8")), CancellationToken.None);
        result.Text.Should().Be(Playlist);
    }

    [Fact]
    public async Task File_sources_are_refused_unless_configured()
    {
        using var fetcher = Fetcher(allowFiles: false);
        var act = () => fetcher.FetchPlaylistAsync(FileUrl(Path.Combine(root, "live.m3u8")), CancellationToken.None);
        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Denied);
        failure.Denial!.Reason.Should().Be(SourceAccessDeniedReason.FileNotAllowed);
        failure.Message.Should().Contain("Ingest:AllowFileSources");
    }

    [Fact]
    public async Task A_file_outside_the_roots_is_refused_also_through_dot_segments()
    {
        using var fetcher = Fetcher();
        foreach (var url in new[] { FileUrl(Path.Combine(outside, "secret.m3u8")), new Uri($"file://{root}/../secrets/secret.m3u8") })
        {
            var act = () => fetcher.FetchPlaylistAsync(url, CancellationToken.None);
            (await act.Should().ThrowAsync<SourceFetchException>()).Which.Denial!.Reason.Should().Be(SourceAccessDeniedReason.FileNotAllowed);
        }
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_root_cannot_lead_out_of_it()
    {
        File.CreateSymbolicLink(Path.Combine(root, "escape.m3u8"), Path.Combine(outside, "secret.m3u8"));
        Directory.CreateSymbolicLink(Path.Combine(root, "elsewhere"), outside);
        Directory.CreateSymbolicLink(Path.Combine(root, "relative"), "../secrets");
        using var fetcher = Fetcher();

        foreach (var path in new[] { "escape.m3u8", "elsewhere/secret.m3u8", "relative/secret.m3u8" })
        {
            var act = () => fetcher.FetchPlaylistAsync(FileUrl(Path.Combine(root, path)), CancellationToken.None);
            (await act.Should().ThrowAsync<SourceFetchException>()).Which.Denial!.Reason.Should().Be(SourceAccessDeniedReason.FileNotAllowed, because: path);
        }
    }

    [Fact]
    public async Task A_symbolic_link_that_stays_inside_the_root_is_followed()
    {
        Directory.CreateDirectory(Path.Combine(root, "channel"));
        File.WriteAllText(Path.Combine(root, "channel", "index.m3u8"), Playlist);
        Directory.CreateSymbolicLink(Path.Combine(root, "current"), "channel");
        using var fetcher = Fetcher();

        var result = await fetcher.FetchPlaylistAsync(FileUrl(Path.Combine(root, "current", "index.m3u8")), CancellationToken.None);

        result.Text.Should().Be(Playlist);
    }

    [Fact]
    public async Task A_root_given_through_a_link_still_admits_its_files()
    {
        var linkedRoot = Path.Combine(temp.Path, "linked-media");
        Directory.CreateSymbolicLink(linkedRoot, root);
        var options = Options.Create(SourceFetcherTests.FastOptions(o => (o.AllowFileSources, o.AllowedFileRoots) = (true, [linkedRoot])));
        using var fetcher = new SourceFetcher(new SsrfGuard(options, new StaticHostResolver()), TestMeters.Fetch());

        var result = await fetcher.FetchPlaylistAsync(FileUrl(Path.Combine(linkedRoot, "live.m3u8")), CancellationToken.None);

        result.Text.Should().Be(Playlist);
    }

    [Fact]
    public async Task A_missing_file_is_a_file_error_and_not_retried()
    {
        using var fetcher = Fetcher();
        var act = () => fetcher.FetchSegmentAsync(FileUrl(Path.Combine(root, "missing.ts")), null, CancellationToken.None);
        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.FileError);
        failure.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task File_reads_obey_the_size_cap_and_byte_ranges()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(Path.Combine(root, "seg.ts"), bytes);
        using var fetcher = Fetcher(maxSegmentBytes: 4096);
        var url = FileUrl(Path.Combine(root, "seg.ts"));

        var whole = () => fetcher.FetchSegmentAsync(url, null, CancellationToken.None);
        (await whole.Should().ThrowAsync<SourceFetchException>()).Which.Reason.Should().Be(SourceFetchFailure.TooLarge);

        var part = await fetcher.FetchSegmentAsync(url, new FetchRange(1000, 2000), CancellationToken.None);
        part.Bytes.Should().Equal(bytes.AsSpan(1000, 2000).ToArray());

        var beyond = () => fetcher.FetchSegmentAsync(url, new FetchRange(4500, 1000), CancellationToken.None);
        (await beyond.Should().ThrowAsync<SourceFetchException>()).Which.Reason.Should().Be(SourceFetchFailure.InvalidContent);
    }

    [Fact]
    public async Task The_pre_check_accepts_allowed_files_and_refuses_others()
    {
        var options = Options.Create(new SourceAccessOptions { AllowFileSources = true, AllowedFileRoots = [root] });
        var guard = new SsrfGuard(options, new StaticHostResolver());

        await guard.ValidateSourceAsync(FileUrl(Path.Combine(root, "live.m3u8")), CancellationToken.None);
        var act = () => guard.ValidateSourceAsync(FileUrl("/etc/passwd"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.FileNotAllowed);
        var share = () => guard.ValidateSourceAsync(new Uri("file://fileserver/share/live.m3u8"), CancellationToken.None);
        (await share.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.FileNotAllowed);
    }

    [Fact]
    public async Task A_non_utf8_file_playlist_is_invalid_content()
    {
        File.WriteAllBytes(Path.Combine(root, "latin1.m3u8"), Encoding.Latin1.GetBytes("#EXTM3U\n#EXTINF:6,Café\n"));
        using var fetcher = Fetcher();
        var act = () => fetcher.FetchPlaylistAsync(FileUrl(Path.Combine(root, "latin1.m3u8")), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceFetchException>()).Which.Reason.Should().Be(SourceFetchFailure.InvalidContent);
    }
}
