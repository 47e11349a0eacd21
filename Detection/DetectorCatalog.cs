namespace Glance.Detection;

/// <summary>
/// The detectors this silo has, by the names events use: "faces", "labels", "text", "logos", "teams", "sport" for the
/// local family ("local.faces" and so on) and "rekognition.*" for Amazon Rekognition, when it is configured.
/// </summary>
public sealed class DetectorCatalog
{
    /// <summary>What runs when an event does not choose: the whole local family (sport only does work with classifiers).</summary>
    public static readonly IReadOnlyList<string> DefaultSelection = ["faces", "labels", "text", "logos", "teams", "sport"];

    /// <summary>Every name an event may ask for, whether or not this silo has it configured.</summary>
    public static readonly IReadOnlySet<string> KnownNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "faces", "labels", "text", "logos", "teams", "sport",
        "rekognition.celebrities", "rekognition.labels", "rekognition.text", "rekognition.custom-labels", "rekognition.moderation", "rekognition.faces",
    };

    private readonly Dictionary<string, IFrameDetector> byName;

    /// <summary>When two detectors share a name, the one registered last wins (a deployment can replace one).</summary>
    public DetectorCatalog(IEnumerable<IFrameDetector> detectors)
    {
        byName = new Dictionary<string, IFrameDetector>(StringComparer.Ordinal);
        foreach (var detector in detectors)
        {
            byName[ShortName(detector.Name)] = detector;
        }
    }

    public IReadOnlyCollection<string> Available => byName.Keys;

    /// <summary>The detectors for a selection (null: the default), in a stable order; names this silo lacks are left out.</summary>
    public IReadOnlyList<IFrameDetector> Resolve(IReadOnlyList<string>? selection, out IReadOnlyList<string> missing)
    {
        var wanted = selection ?? DefaultSelection;
        missing = wanted.Where(n => !byName.ContainsKey(n)).ToList();
        return wanted.Distinct(StringComparer.Ordinal).Where(byName.ContainsKey).Select(n => byName[n]).ToList();
    }

    /// <summary>"local.faces" is "faces"; other families keep their prefix.</summary>
    public static string ShortName(string detectorName) =>
        detectorName.StartsWith("local.", StringComparison.Ordinal) ? detectorName["local.".Length..] : detectorName;
}
