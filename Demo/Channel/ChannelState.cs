namespace Glance.Demo.Channel;

public enum ChannelState
{
    Stopped,
    Running,

    /// <summary>ffmpeg exited or stalled; a new run starts after the back-off delay.</summary>
    Restarting,

    /// <summary>Too many ffmpeg failures in the restart window; see <see cref="SyntheticChannel.FailureReason"/>.</summary>
    Failed,
}
