using System.Net;
using System.Net.Http.Json;
using Glance.Demo;
using Glance.Grains.Interfaces.Access;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Glance.Tests.EndToEnd;

/// <summary>The run command started again and again on one data folder, as a newcomer does.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class DemoRestartTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_restart_keeps_the_demo_event_its_segments_and_the_credentials_the_first_run_printed_until_a_fresh_demo_is_asked_for()
    {
        using var folder = new TemporaryDirectory();

        // First run: the demo is registered and records a few segments.
        DemoRegistration first;
        List<SegmentStatus> recordedByFirst;
        await using (var api = Api(folder))
        {
            first = await RegisteredAsync(api);
            first.BroadcasterKeyReused.Should().BeFalse();
            first.EventNote.Should().Be("registered");
            using var broadcaster = api.As(first.BroadcasterKey);
            recordedByFirst = await Eventually.ValueAsync(
                async () => await SegmentsAsync(broadcaster, first.EventId) is { Count: >= 2 } s ? s : null,
                "the first run records segments",
                Within);
        }

        // Second run over the same folder: the same event, history and credentials; the channel goes on.
        await using (var api = Api(folder))
        {
            var second = await RegisteredAsync(api);
            second.BroadcasterKey.Should().Be(first.BroadcasterKey);
            second.BroadcasterKeyReused.Should().BeTrue();
            second.StartsAt.Should().Be(first.StartsAt, "the event keeps its start (stream time zero)");
            second.EventNote.Should().StartWith("resumed");
            using var broadcaster = api.As(second.BroadcasterKey);
            var lastOfFirst = recordedByFirst.Max(s => s.Sequence);
            var segments = await Eventually.ValueAsync(
                async () => await SegmentsAsync(broadcaster, second.EventId) is { } s && s.Any(x => x.Sequence > lastOfFirst + 1) ? s : null,
                "the second run records segments after the first run's",
                Within);
            segments.Select(s => s.Sequence).Should().Contain(recordedByFirst.Select(s => s.Sequence), "the first run's segments are kept")
                .And.OnlyHaveUniqueItems();
            (segments.Max(s => s.Sequence) - segments.Min(s => s.Sequence) + 1).Should().Be(segments.Count, "nothing between the runs is skipped: the channel waited, as did the stream's cursor");
            (await api.As(first.ViewerToken).GetAsync($"/v1/events/{first.EventId}/context?position=0")).StatusCode.Should().Be(HttpStatusCode.OK, "the first run's viewer token still opens the event");
            var active = (await broadcaster.GetFromJsonAsync<List<ApiKeyInfo>>("/v1/keys"))!.Where(k => k.RevokedAt is null);
            active.Should().ContainSingle("a reused key issues no new one");
        }

        // Third run, asked for a fresh demo: a new event on a new playlist; the key still opens it.
        await using (var api = Api(folder).WithSetting("Demo:Fresh", "true"))
        {
            var fresh = await RegisteredAsync(api);
            fresh.BroadcasterKey.Should().Be(first.BroadcasterKey);
            fresh.EventNote.Should().Contain("anew").And.Contain("Demo:Fresh");
            fresh.StartsAt.Should().BeAfter(first.StartsAt);
            using var broadcaster = api.As(fresh.BroadcasterKey);
            var segments = await Eventually.ValueAsync(
                async () => await SegmentsAsync(broadcaster, fresh.EventId) is { Count: >= 1 } s ? s : null,
                "the fresh demo records segments",
                Within);
            segments.Select(s => s.Sequence).Should().NotIntersectWith(recordedByFirst.Select(s => s.Sequence).Where(s => s > 2), "the earlier event's segments are gone");
        }
    }

    [Fact]
    public async Task A_kept_demo_key_that_was_revoked_is_replaced_and_the_earlier_ones_are_revoked()
    {
        using var folder = new TemporaryDirectory();
        string revoked;
        await using (var api = Api(folder))
        {
            var first = await RegisteredAsync(api);
            revoked = first.BroadcasterKey;
            using var broadcaster = api.As(revoked);
            var keyId = (await broadcaster.GetFromJsonAsync<List<ApiKeyInfo>>("/v1/keys"))!.Single().KeyId;
            (await broadcaster.DeleteAsync($"/v1/keys/{keyId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await using (var api = Api(folder))
        {
            var second = await RegisteredAsync(api);
            second.BroadcasterKey.Should().NotBe(revoked);
            second.BroadcasterKeyReused.Should().BeFalse();
            using var broadcaster = api.As(second.BroadcasterKey);
            (await broadcaster.GetFromJsonAsync<List<ApiKeyInfo>>("/v1/keys"))!.Where(k => k.RevokedAt is null).Should().ContainSingle();
            (await api.As(revoked).GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    private static ApiFactory Api(TemporaryDirectory folder) => new ApiFactory()
        .WithSqliteStore(folder.Path)
        .WithSetting("Demo:Enabled", "true")
        .WithSetting("Demo:Channel:OutputFolder", Path.Combine(folder.Path, "channel"))
        .WithSetting("Demo:Channel:SegmentSeconds", "2");

    private static async Task<DemoRegistration> RegisteredAsync(ApiFactory api)
    {
        _ = api.Anonymous();
        var bootstrap = api.Services.GetServices<IHostedService>().OfType<DemoBootstrap>().Single();
        return await bootstrap.Registered.Task.WaitAsync(TimeSpan.FromSeconds(90));
    }

    private static async Task<List<SegmentStatus>> SegmentsAsync(HttpClient broadcaster, string eventId) =>
        (await broadcaster.GetFromJsonAsync<Glance.Api.Endpoints.SegmentPage>($"/v1/events/{eventId}/segments?limit=100", ApiJson.Options))!.Items.ToList();
}
