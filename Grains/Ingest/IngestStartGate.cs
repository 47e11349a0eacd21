using Microsoft.Extensions.Hosting;

namespace Glance.Grains.Ingest;

/// <summary>
/// Holds stream polling until the host has finished starting. A silo activates grains, and fires their reminders, while
/// the rest of the host is still starting; a stream resumed then reads sources the host itself may be about to serve
/// (its HTTP listener, the demo channel) and would count the refusals as source errors.
/// </summary>
public sealed class IngestStartGate(IHostApplicationLifetime? lifetime = null)
{
    /// <summary>How soon a poll held at the gate looks again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);

    /// <summary>True once the host has started (always, for a host without an application lifetime).</summary>
    public bool IsOpen => lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested;
}
