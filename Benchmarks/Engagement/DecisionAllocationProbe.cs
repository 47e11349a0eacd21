using System.Text.Json;
using Glance.Grains.Engagement;
using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Interfaces.Viewers;
using Glance.Grains.Viewers;
using Glance.Storage.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Benchmarks.Engagement;

/// <summary>
/// Where a decision's bytes go, piece by piece, on the benchmark's warm silo (GLANCE_BANDIT_PROBE=1): the viewer grain
/// call as a whole, the timeline context call, the ranking on this thread (catalog copy, eligibility, features, policy),
/// the response's JSON and the JSON of a full viewer state as the write-behind writes it. Sequential calls, so the
/// process's allocation counter is this work plus little else.
/// </summary>
internal static class DecisionAllocationProbe
{
    private const int Rounds = 2_000;

    public static bool Enabled => Environment.GetEnvironmentVariable("GLANCE_BANDIT_PROBE") == "1";

    public static async Task RunAsync(IServiceProvider services, SimulatedAudience audience, CancellationToken cancellationToken)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var eventKey = ResourceId.Scoped("bench", "bench");
        var timeline = grains.GetGrain<IEventTimelineGrain>(eventKey);
        var random = new Random(1);
        double Position() => random.Next(20, SimulatedAudience.TimelineSeconds - 20);
        IViewerGrain Viewer() => grains.GetGrain<IViewerGrain>(ResourceId.Scoped("bench", audience.Viewers[random.Next(audience.Viewers.Count)].Id));

        InstrumentDecision? last = null;
        await MeasureAsync("viewer grain NextInstrumentAsync (whole, from outside the silo)", async () => last = await Viewer().NextInstrumentAsync(new DecisionRequest("bench", Position(), null, 10, 5), cancellationToken));
        await MeasureAsync("timeline GetContextAsync (from outside the silo)", async () => await timeline.GetContextAsync(Position(), 10, 5, cancellationToken));
        await MeasureAsync("viewer grain GetProfileAsync (a small call: what a call itself costs)", async () => await Viewer().GetProfileAsync(cancellationToken));

        var catalogs = services.GetRequiredService<InstrumentCatalogCache>();
        var ranker = services.GetRequiredService<IInstrumentRanker>();
        var windows = new List<ContextWindow>();
        for (var i = 0; i < 64; i++)
        {
            windows.Add(await timeline.GetContextAsync(Position(), 10, 5, cancellationToken));
        }

        var round = 0;
        RankingContext Context()
        {
            var viewer = audience.Viewers[random.Next(audience.Viewers.Count)];
            var window = windows[round++ % windows.Count];
            return new RankingContext("bench", "bench", window.From + 10, window.Entities, viewer.Profile, DateTimeOffset.UtcNow, ViewerHistory.Empty);
        }

        await MeasureAsync("catalog copy read", async () => await catalogs.GetAsync(eventKey, cancellationToken));
        var instruments = await catalogs.GetAsync(eventKey, cancellationToken);
        await MeasureAsync("eligibility (8 instruments)", () =>
        {
            InstrumentEligibility.Candidates(instruments, Context(), null, _ => null);
            return Task.CompletedTask;
        });
        await MeasureAsync("eligibility + ranking (features, policy, reason)", async () =>
        {
            var context = Context();
            await ranker.ChooseAsync(context, InstrumentEligibility.Candidates(instruments, context, null, _ => null), cancellationToken);
        });

        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await MeasureAsync("response JSON (InstrumentDecision, the API's options)", () =>
        {
            JsonSerializer.SerializeToUtf8Bytes(last!, json);
            return Task.CompletedTask;
        });

        var state = FullState(last!);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, JsonGrainStorageSerializer.DefaultOptions).Length;
        Console.WriteLine($"    probe: a full viewer state (200 decisions, all with features) is {bytes:N0} bytes of JSON");
        await MeasureAsync("viewer state JSON as written (200 decisions with features)", () =>
        {
            new JsonGrainStorageSerializer().Serialize(state);
            return Task.CompletedTask;
        }, rounds: 200);
    }

    private static ViewerState FullState(InstrumentDecision decision)
    {
        var state = new ViewerState { Profile = new ViewerProfile(AgeRange: "25-34", Country: "PT", Segments: ["fan"], Interests: ["football"]), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        var features = Enumerable.Range(0, BanditFeatures.Dimension).Select(i => i % 3 == 0 ? 0f : 0.1234567f * i).ToArray();
        for (var i = 0; i < 200; i++)
        {
            state.Decisions.Add(new DecisionRecord($"d-{i:x24}", "bench", decision.Instrument.Id, decision.Instrument.Kind, 4, 1, 100 + i, DateTimeOffset.UtcNow, "linucb", 0.9125, new LearningTrace(features, 6, true, true)), 200);
            state.Served[$"bench/i{i % 8}"] = new ServedCount(i, DateTimeOffset.UtcNow);
        }

        return state;
    }

    private static async Task MeasureAsync(string label, Func<Task> action, int rounds = Rounds)
    {
        for (var i = 0; i < 50; i++)
        {
            await action();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < rounds; i++)
        {
            await action();
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)rounds;
        Console.WriteLine($"    probe: {perCall,9:N0} bytes per call  {label}");
    }
}
