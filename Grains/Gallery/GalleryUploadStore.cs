using Glance.Storage;

namespace Glance.Grains.Gallery;

/// <summary>
/// Keeps a gallery job's images until its work is done, in the sorted-record store (one partition per job, the images
/// one after another in chunks small enough for any store's record). The job's state holds their lengths; the images
/// are deleted when the job finishes, so they are never kept beyond the work that needs them.
/// </summary>
public sealed class GalleryUploadStore(IStorageProvider storage)
{
    /// <summary>Well under DynamoDB's 400 KB item limit.</summary>
    public const int ChunkBytes = 256 * 1024;

    private const int PageSize = 100;

    public async Task SaveAsync(string tenantId, string jobId, IReadOnlyList<ReadOnlyMemory<byte>> images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var all = new byte[images.Sum(i => i.Length)];
        var offset = 0;
        foreach (var image in images)
        {
            image.CopyTo(all.AsMemory(offset));
            offset += image.Length;
        }

        var records = all.Chunk(ChunkBytes).Select((chunk, i) => new SortedRecord(i, chunk)).ToList();
        var partition = Partition(tenantId, jobId);
        await storage.SortedRecords.DeleteRangeAsync(partition, SortKeyRange.All, cancellationToken);
        await storage.SortedRecords.PutAsync(partition, records, cancellationToken);
    }

    /// <summary>The images as saved, cut by their <paramref name="lengths"/>.</summary>
    /// <exception cref="InvalidDataException">The stored bytes are not what the lengths say (deleted, or never completely written).</exception>
    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> LoadAsync(string tenantId, string jobId, IReadOnlyList<int> lengths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var total = lengths.Sum();
        var all = new byte[total];
        var offset = 0;
        string? continuation = null;
        var pages = (total / ChunkBytes / PageSize) + 2; // a bound on the loop, whatever the store answers
        do
        {
            var page = await storage.SortedRecords.QueryAsync(Partition(tenantId, jobId), SortKeyRange.All, PageSize, continuation, descending: false, cancellationToken);
            foreach (var record in page.Records)
            {
                if (offset + record.Data.Length > total)
                {
                    throw new InvalidDataException($"The stored upload holds more than the {total:N0} bytes its job expects.");
                }

                record.Data.CopyTo(all.AsMemory(offset));
                offset += record.Data.Length;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null && --pages > 0);

        if (offset != total)
        {
            throw new InvalidDataException($"The stored upload holds {offset:N0} of the {total:N0} bytes its job expects.");
        }

        var images = new List<ReadOnlyMemory<byte>>(lengths.Count);
        offset = 0;
        foreach (var length in lengths)
        {
            images.Add(all.AsMemory(offset, length));
            offset += length;
        }

        return images;
    }

    public Task DeleteAsync(string tenantId, string jobId, CancellationToken cancellationToken) =>
        storage.SortedRecords.DeleteRangeAsync(Partition(tenantId, jobId), SortKeyRange.All, cancellationToken);

    private static string Partition(string tenantId, string jobId) => $"gallery-upload/{tenantId}/{jobId}";
}
