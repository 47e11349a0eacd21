using Glance.Media.Analysis;
using Glance.Media.Frames;
using Glance.Media.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Frames;

public sealed class SegmentAnalysisRegistrationTests
{
    [Fact]
    public void The_analyzer_resolves_with_bound_limits()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Media:SegmentAnalysis:MaxFramesPerSegment"] = "42" })
            .Build();
        using var provider = new ServiceCollection().AddSegmentAnalysis(configuration).BuildServiceProvider();

        provider.GetRequiredService<SegmentAnalyzer>().Should().BeSameAs(provider.GetRequiredService<SegmentAnalyzer>());
        provider.GetRequiredService<IOptions<SegmentAnalysisOptions>>().Value.MaxFramesPerSegment.Should().Be(42);
    }

    [Fact]
    public void Nonsense_options_are_refused()
    {
        var zeroRate = () => new SamplingOptions { FramesPerSecond = 0 }.Validate();
        var positiveSilence = () => (SignalOptions.Default with { Silence = new SilenceOptions(ThresholdDb: 10) }).Validate();

        zeroRate.Should().Throw<ArgumentOutOfRangeException>();
        positiveSilence.Should().Throw<ArgumentOutOfRangeException>();
    }
}
