using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Glance.Hosting.Diagnostics;

/// <summary>
/// Collects System.Diagnostics.Metrics measurements from the chosen meters and renders them in the Prometheus text
/// format (0.0.4) for a /metrics endpoint, so a Kubernetes operator can scrape every silo without a collector
/// sidecar. Counters become _total, up-down counters and gauges become gauges, histograms get fixed buckets.
/// </summary>
public sealed class PrometheusMetricsExporter : IDisposable
{
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private readonly MeterListener listener = new();
    private readonly Lock instrumentsGate = new();
    private readonly List<InstrumentState> instruments = [];
    private readonly Func<Instrument, bool> filter;

    /// <param name="filter">Which instruments to export.</param>
    public PrometheusMetricsExporter(Func<Instrument, bool> filter)
    {
        this.filter = filter;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (this.filter(instrument))
            {
                var state = new InstrumentState(instrument);
                lock (instrumentsGate)
                {
                    instruments.Add(state);
                }

                l.EnableMeasurementEvents(instrument, state);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        listener.Start();
    }

    /// <summary>
    /// The default selection: this product's meters, ASP.NET Core's and the .NET runtime's, and Orleans' observable
    /// instruments (activations, queue lengths, membership: read at scrape time). Orleans' per-message instruments are
    /// left out: recording them here cost ~70 µs of CPU per API request (measured with the context benchmark).
    /// </summary>
    public static bool DefaultInstruments(Instrument instrument) =>
        instrument.Meter.Name.StartsWith("Glance.", StringComparison.Ordinal)
        || instrument.Meter.Name is "System.Runtime" or "Microsoft.AspNetCore.Hosting" or "Microsoft.AspNetCore.Server.Kestrel" or "System.Net.Http"
        || (instrument.Meter.Name == "Microsoft.Orleans" && instrument.IsObservable);

    /// <summary>
    /// <see cref="DefaultInstruments"/> as one host sees them: our meters only as created by this host's
    /// <paramref name="meters"/> (every Glance meter comes from a host's factory), so two hosts in one process, as in
    /// tests and benchmarks, each export their own counts.
    /// </summary>
    public static Func<Instrument, bool> ForHost(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        return instrument => DefaultInstruments(instrument)
            && (!instrument.Meter.Name.StartsWith("Glance.", StringComparison.Ordinal) || ReferenceEquals(instrument.Meter.Scope, meters));
    }

    public string Scrape()
    {
        listener.RecordObservableInstruments();
        InstrumentState[] snapshot;
        lock (instrumentsGate)
        {
            snapshot = [.. instruments];
        }

        var output = new StringBuilder(4096);
        foreach (var group in snapshot.GroupBy(s => s.MetricName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            output.Append("# HELP ").Append(group.Key).Append(' ').Append(Escape(first.Instrument.Description ?? first.Instrument.Name)).Append('\n');
            output.Append("# TYPE ").Append(group.Key).Append(' ').Append(first.PrometheusType).Append('\n');
            foreach (var state in group)
            {
                state.WriteTo(output);
            }
        }

        return output.ToString();
    }

    public void Dispose() => listener.Dispose();

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("G17", CultureInfo.InvariantCulture),
    };

    /// <summary>One instrument's series, one per distinct tag set (few per instrument, so a short list is fastest).</summary>
    private sealed class InstrumentState
    {
        private readonly Lock gate = new();
        private readonly List<Series> series = [];

        public InstrumentState(Instrument instrument)
        {
            Instrument = instrument;
            var type = instrument.GetType();
            var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            Kind = generic.Name switch
            {
                var n when n.StartsWith("Histogram", StringComparison.Ordinal) => SeriesKind.Histogram,
                var n when n.StartsWith("ObservableCounter", StringComparison.Ordinal) => SeriesKind.ObservedCounter,
                var n when n.StartsWith("Counter", StringComparison.Ordinal) => SeriesKind.Counter,
                var n when n.StartsWith("ObservableUpDownCounter", StringComparison.Ordinal) => SeriesKind.ObservedGauge,
                var n when n.StartsWith("UpDownCounter", StringComparison.Ordinal) => SeriesKind.Sum,
                _ => SeriesKind.ObservedGauge,
            };
            var unit = instrument.Unit switch
            {
                "s" => "_seconds",
                "ms" => "_milliseconds",
                "By" => "_bytes",
                _ => string.Empty,
            };
            var baseName = Sanitize(instrument.Name) + (Sanitize(instrument.Name).EndsWith(unit, StringComparison.Ordinal) ? string.Empty : unit);
            MetricName = Kind is SeriesKind.Counter or SeriesKind.ObservedCounter ? baseName + "_total" : baseName;
        }

        public Instrument Instrument { get; }

        public SeriesKind Kind { get; }

        public string MetricName { get; }

        public string PrometheusType => Kind switch
        {
            SeriesKind.Histogram => "histogram",
            SeriesKind.Counter or SeriesKind.ObservedCounter => "counter",
            _ => "gauge",
        };

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (gate)
            {
                var target = Find(tags);
                switch (Kind)
                {
                    case SeriesKind.Histogram:
                        target.Count++;
                        target.Value += value;
                        var bucket = Array.BinarySearch(Buckets, value);
                        target.BucketCounts[bucket >= 0 ? bucket : ~bucket]++;
                        break;
                    case SeriesKind.Counter or SeriesKind.Sum:
                        target.Value += value;
                        break;
                    default:
                        target.Value = value; // observed: the callback reports the current total or level
                        break;
                }
            }
        }

        public void WriteTo(StringBuilder output)
        {
            lock (gate)
            {
                foreach (var s in series)
                {
                    if (Kind != SeriesKind.Histogram)
                    {
                        output.Append(MetricName).Append(s.Labels(null)).Append(' ').Append(Format(s.Value)).Append('\n');
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < Buckets.Length; i++)
                    {
                        cumulative += s.BucketCounts[i];
                        output.Append(MetricName).Append("_bucket").Append(s.Labels(Format(Buckets[i]))).Append(' ').Append(cumulative).Append('\n');
                    }

                    output.Append(MetricName).Append("_bucket").Append(s.Labels("+Inf")).Append(' ').Append(s.Count).Append('\n');
                    output.Append(MetricName).Append("_sum").Append(s.Labels(null)).Append(' ').Append(Format(s.Value)).Append('\n');
                    output.Append(MetricName).Append("_count").Append(s.Labels(null)).Append(' ').Append(s.Count).Append('\n');
                }
            }
        }

        private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var candidate in series)
            {
                if (candidate.Matches(tags))
                {
                    return candidate;
                }
            }

            var created = new Series(tags.ToArray(), Kind == SeriesKind.Histogram ? Buckets.Length + 1 : 0);
            series.Add(created);
            return created;
        }
    }

    private enum SeriesKind
    {
        Counter,
        ObservedCounter,
        Sum,
        ObservedGauge,
        Histogram,
    }

    private sealed class Series(KeyValuePair<string, object?>[] tags, int buckets)
    {
        private string? labels;

        public double Value { get; set; }

        public long Count { get; set; }

        public long[] BucketCounts { get; } = new long[buckets];

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
        {
            if (other.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                if (tags[i].Key != other[i].Key || !Equals(tags[i].Value, other[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public string Labels(string? le)
        {
            labels ??= string.Join(',', tags.Select(t => $"{Sanitize(t.Key)}=\"{Escape(Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty).Replace("\"", "\\\"", StringComparison.Ordinal)}\""));
            if (le is null)
            {
                return labels.Length == 0 ? string.Empty : "{" + labels + "}";
            }

            return "{" + labels + (labels.Length == 0 ? string.Empty : ",") + "le=\"" + le + "\"}";
        }
    }
}
