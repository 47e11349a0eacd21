namespace Glance.Runtime.Activation;

/// <summary>A turn the runtime itself schedules on a grain: timer ticks, reminder ticks, stream deliveries.</summary>
internal sealed class SystemTurn(Func<Grain, Task> body, string description, bool keepsAlive, long enqueuedAt) : WorkItem(enqueuedAt)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => completion.Task;

    public override bool KeepsAlive => keepsAlive;

    public override bool IsCompleted => completion.Task.IsCompleted;

    public override string Description => description;

    public override async ValueTask ExecuteAsync(Grain grain)
    {
        try
        {
            await body(grain).ConfigureAwait(false);
            completion.TrySetResult();
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
        }
    }

    public override bool TryFail(Exception exception) => completion.TrySetException(exception);
}
