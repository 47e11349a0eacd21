using Glance.Grains.Common;
using Glance.Grains.Interfaces.Viewers;
using Glance.Grains.Viewers;
using Glance.Storage;

namespace Glance.Tests.Engagement;

/// <summary>What a viewer left in the store: its decision records.</summary>
internal static class StoredDecisions
{
    /// <summary>The ids of the viewer's decision records, oldest first: what its next activation reads.</summary>
    public static async Task<IReadOnlyList<string>> IdsAsync(IStorageProvider store, IViewerGrain viewer)
    {
        var page = await store.SortedRecords.QueryAsync(
            ViewerDecisionRows.Partition(viewer.GetPrimaryKeyString()), SortKeyRange.All, 1000, null, descending: false, CancellationToken.None);
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
