namespace Glance.Grains.Gallery;

/// <summary>
/// The silo's slots for gallery work (Gallery:MaxConcurrentJobsPerSilo): a job holds one while it describes faces,
/// prepares a logo or trains a classifier, and the rest wait in line, so that uploads never take every core from segment
/// analysis. Shows what it does through <see cref="GalleryMetrics"/> and keeps the most it ever let run at once.
/// </summary>
public sealed class GalleryJobGate : IDisposable
{
    private readonly SemaphoreSlim slots;
    private int running;
    private int waiting;
    private int peak;

    public GalleryJobGate(IOptions<GalleryOptions> options, GalleryMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        Capacity = options.Value.MaxConcurrentJobsPerSilo;
        slots = new SemaphoreSlim(Capacity, Capacity);
        metrics.ObserveJobs(() => Running, () => Waiting);
    }

    public int Capacity { get; }

    public int Running => Volatile.Read(ref running);

    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>The most slots ever held at once.</summary>
    public int Peak => Volatile.Read(ref peak);

    /// <summary>Waits for a slot; dispose the answer to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        var now = Interlocked.Increment(ref running);
        int seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }

        return new Slot(this);
    }

    public void Dispose() => slots.Dispose();

    private void Leave()
    {
        Interlocked.Decrement(ref running);
        slots.Release();
    }

    private sealed class Slot(GalleryJobGate gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
