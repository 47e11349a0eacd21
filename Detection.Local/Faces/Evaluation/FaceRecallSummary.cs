namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>Recall and false positives over a whole marked set.</summary>
public sealed record FaceRecallSummary(int Marked, int Found, int MarkedHard, int FoundHard, int FalsePositives, int Images)
{
    public double Recall => Marked == 0 ? 1 : Found / (double)Marked;

    public double HardRecall => MarkedHard == 0 ? 1 : FoundHard / (double)MarkedHard;

    /// <summary>Recall on the faces not marked hard.</summary>
    public double EasyRecall => Marked == MarkedHard ? 1 : (Found - FoundHard) / (double)(Marked - MarkedHard);

    public static FaceRecallSummary Of(IReadOnlyCollection<FaceImageScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new FaceRecallSummary(
            scores.Sum(s => s.Marked), scores.Sum(s => s.Found), scores.Sum(s => s.MarkedHard), scores.Sum(s => s.FoundHard),
            scores.Sum(s => s.FalsePositives), scores.Count);
    }
}
