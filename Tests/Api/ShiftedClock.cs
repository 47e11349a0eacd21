namespace Glance.Tests.Api;

/// <summary>The system clock moved by a fixed amount: a token issued or checked hours away from now.</summary>
internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
