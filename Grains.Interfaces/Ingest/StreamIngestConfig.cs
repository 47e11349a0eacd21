using Glance.Grains.Interfaces.Events;
namespace Glance.Grains.Interfaces.Ingest;

/// <summary>What a stream grain needs to follow a source.</summary>
/// <param name="EventStartsAt">Stream time zero: frames are placed in seconds since this instant.</param>
[GenerateSerializer, Immutable]
public sealed record StreamIngestConfig(Uri Source, VariantPreference Variant, SamplingPolicy Sampling, DateTimeOffset EventStartsAt, IReadOnlyList<string>? Detectors);
