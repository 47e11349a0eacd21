using System.Text.Json;
using Glance.Grains.Common;
using Glance.Grains.Interfaces.Viewers;
using Glance.Grains.Viewers;
using Glance.Storage;

namespace Glance.Tests.Engagement;

/// <summary>What a viewer's stored state stands for: the decisions its row counts, read from their records.</summary>
internal static class StoredDecisions
{
    public static async Task<IReadOnlyList<string>> IdsAsync(IStorageProvider store, IViewerGrain viewer)
    {
        var stored = await store.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None);
        if (stored is null || stored.Data.IsEmpty)
        {
            return [];
        }

        using var json = JsonDocument.Parse(stored.Data);
        var sequence = json.RootElement.TryGetProperty("decisionSequence", out var value) ? value.GetInt64() : 0;
        if (sequence == 0)
        {
            return [];
        }

        var page = await store.SortedRecords.QueryAsync(
            ViewerDecisionRows.Partition(viewer.GetPrimaryKeyString()), new SortKeyRange(1, sequence), 1000, null, descending: false, CancellationToken.None);
        return [.. page.Records.Select(r => StoredJson.Deserialize<DecisionRecord>(r.Data.Span).DecisionId)];
    }

    /// <summary>Every record under the viewer's partition, counted or not.</summary>
    public static async Task<IReadOnlyList<long>> KeysAsync(IStorageProvider store, IViewerGrain viewer)
    {
        var page = await store.SortedRecords.QueryAsync(
            ViewerDecisionRows.Partition(viewer.GetPrimaryKeyString()), SortKeyRange.All, 1000, null, descending: false, CancellationToken.None);
        return [.. page.Records.Select(r => r.SortKey)];
    }
}
