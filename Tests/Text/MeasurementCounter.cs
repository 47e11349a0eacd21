using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Glance.Tests.Text;

/// <summary>
/// Sums one counter instrument's measurements by the value of one tag, counting only the measurements made by the
/// creating test's own async flow (an async-local flag tells them from those of tests running in parallel).
/// </summary>
internal sealed class MeasurementCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly AsyncLocal<bool> mine = new() { Value = true };
    private readonly ConcurrentDictionary<string, long> sums = new(StringComparer.Ordinal);

    public MeasurementCounter(string instrumentName, string tagKey)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (!mine.Value)
            {
                return;
            }

            foreach (var tag in tags)
            {
                if (tag.Key == tagKey)
                {
                    sums.AddOrUpdate((string?)tag.Value ?? string.Empty, value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();
    }

    public long this[string tagValue] => sums.GetValueOrDefault(tagValue);

    public void Dispose() => listener.Dispose();
}
