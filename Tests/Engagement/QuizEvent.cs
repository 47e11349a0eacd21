using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Viewers;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

/// <summary>Tenant acme's event "final" with one quiz ("quiz", right answer 1), for tests that drive the grains directly.</summary>
internal static class QuizEvent
{
    public const string EventId = "final";

    public static readonly QuestionPayload Question = new("Which year?", ["1998", "2004"], 1);

    public static string Key => ResourceId.Scoped("acme", EventId);

    public static async Task CreateAsync(TestSilo silo)
    {
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        await silo.Grain<ILiveEventGrain>(Key).CreateAsync(new LiveEventDefinition("Final", tomorrow, tomorrow.AddHours(2), new Uri("http://93.184.216.34/live/index.m3u8")));
        await silo.Grain<IInstrumentCatalogGrain>(Key).PutAsync("quiz", new InstrumentDefinition(InstrumentKind.Quiz, "Quiz", Question: Question));
    }

    public static IViewerGrain Viewer(TestSilo silo, string viewerId) => silo.Grain<IViewerGrain>(ResourceId.Scoped("acme", viewerId));

    public static Task<InstrumentDecision?> NextAsync(IViewerGrain viewer) => viewer.NextInstrumentAsync(new DecisionRequest(EventId, 10, null, 10, 5));

    public static async Task<string> DecideAsync(IViewerGrain viewer) => (await NextAsync(viewer))!.DecisionId;

    public static IEngagementTallyGrain Tally(TestSilo silo) => silo.Grain<IEngagementTallyGrain>(Key);
}
