using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Viewers;

namespace Glance.Grains.Engagement;

/// <summary>What a ranker may look at besides the candidates.</summary>
/// <param name="Profile">The viewer's profile; null when the viewer has none or opted out of personalization.</param>
/// <param name="History">Aggregates of the viewer's recent decisions and rewards; null when not personalized.</param>
public sealed record RankingContext(string TenantId, string EventId, double Position, IReadOnlyList<ContextEntity> Entities, ViewerProfile? Profile, DateTimeOffset Now, ViewerHistory? History = null);
