namespace Glance.Runtime.Activation;

/// <summary>A call made through a grain reference, waiting for its turn.</summary>
internal sealed class GrainCall<TResult> : WorkItem
{
    private readonly GrainMethodInvoker<TResult> invoker;
    private readonly object?[] arguments;
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration cancellation;

    public GrainCall(GrainMethodInvoker<TResult> invoker, object?[] arguments, long enqueuedAt)
        : base(enqueuedAt)
    {
        this.invoker = invoker;
        this.arguments = arguments;
        if (invoker.CancellationTokenIndex is { } index && arguments[index] is CancellationToken { CanBeCanceled: true } token)
        {
            // A call still queued when its caller gives up is dropped; a running one sees the token itself.
            cancellation = token.UnsafeRegister(static (state, t) => ((GrainCall<TResult>)state!).completion.TrySetCanceled(t), this);
        }
    }

    public Task<TResult> Task => completion.Task;

    public override bool IsCompleted => completion.Task.IsCompleted;

    public override string Description => invoker.Description;

    public override ValueTask ExecuteAsync(Grain grain)
    {
        try
        {
            var pending = invoker.Invoke(grain, arguments);
            if (pending.IsCompletedSuccessfully)
            {
                Complete(pending.Result);
                return default;
            }

            return AwaitAsync(pending);
        }
        catch (Exception e)
        {
            Fail(e);
            return default;
        }
    }

    public override bool TryFail(Exception exception)
    {
        var failed = completion.TrySetException(exception);
        if (failed)
        {
            cancellation.Dispose();
        }

        return failed;
    }

    private async ValueTask AwaitAsync(ValueTask<TResult> pending)
    {
        try
        {
            Complete(await pending.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Complete(TResult result)
    {
        completion.TrySetResult(result);
        cancellation.Dispose();
    }

    private void Fail(Exception exception)
    {
        // The caller gets the grain's own exception object, unchanged.
        completion.TrySetException(exception);
        cancellation.Dispose();
    }
}
