using Glance.Detection;

namespace Glance.Grains.Analysis;

/// <summary>What detectors need to know about a tenant (gallery people, logos, teams, classifiers); cached by the source.</summary>
public interface IDetectionContextSource
{
    ValueTask<DetectionContext> GetAsync(string tenantId, CancellationToken cancellationToken);
}
