namespace Glance.Grains.Analysis;

/// <summary>
/// Drains the segment pipeline as the silo begins to stop. Orleans stops its lifecycle from the highest stage down:
/// at <see cref="ServiceLifecycleStage.Active"/> it closes the stream agents that deliver results to timelines, below
/// that it deactivates grains. One stage above, the drain runs while both still work, so a result published during the
/// drain is recorded, and nothing is published into a runtime that can no longer deliver it.
/// </summary>
internal sealed class SegmentPipelineDrain(SegmentPipeline pipeline) : ILifecycleParticipant<ISiloLifecycle>
{
    public const int Stage = ServiceLifecycleStage.Active + 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<SegmentPipelineDrain>(Stage, _ => Task.CompletedTask, pipeline.DrainAsync);
}
