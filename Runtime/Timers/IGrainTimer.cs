namespace Glance.Runtime.Timers;

/// <summary>A grain timer; dispose to stop it. Deactivation stops it too.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules: first tick after <paramref name="dueTime"/>, then every <paramref name="period"/> (Infinite: once).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
