using System.Collections.Concurrent;
using System.Threading.Channels;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Ingest;

/// <summary>
/// Stands where the analysis pipeline stands: records every handed segment and acknowledges it a moment later, from
/// outside the stream grain's turn (as the real pipeline does once results are published).
/// </summary>
public sealed class RecordingSegmentHandler : ISegmentHandler, IAsyncDisposable
{
    private readonly Channel<SegmentHandoff> acknowledgements = Channel.CreateUnbounded<SegmentHandoff>();
    private readonly IServiceProvider services;
    private readonly Task acknowledging;

    public RecordingSegmentHandler(IServiceProvider services)
    {
        this.services = services;
        acknowledging = AcknowledgeAsync();
    }

    public ConcurrentQueue<SegmentHandoff> Handed { get; } = new();

    public IReadOnlyList<long> Sequences => Handed.Select(s => s.MediaSequence).ToList();

    /// <summary>Segments whose acknowledgement is lost the first time they are handed (a result lost on its way).</summary>
    public ConcurrentDictionary<long, bool> LoseFirstAcknowledgement { get; } = new();

    public ValueTask HandleAsync(SegmentHandoff segment, CancellationToken cancellationToken)
    {
        Handed.Enqueue(segment);
        return LoseFirstAcknowledgement.TryRemove(segment.MediaSequence, out _)
            ? ValueTask.CompletedTask
            : acknowledgements.Writer.WriteAsync(segment, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        acknowledgements.Writer.TryComplete();
        await acknowledging.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcknowledgeAsync()
    {
        await foreach (var segment in acknowledgements.Reader.ReadAllAsync())
        {
            try
            {
                var grains = services.GetRequiredService<IGrainFactory>();
                await grains.GetGrain<IStreamIngestGrain>(ResourceId.Scoped(segment.TenantId, segment.EventId))
                    .AcknowledgeAsync(segment.Epoch, segment.MediaSequence);
            }
            catch (Exception)
            {
                // The silo is stopping: the segment stays in flight and is handed again after the restart.
            }
        }
    }
}
