namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>
/// How far apart descriptors of the same person and of different people lie. Same-person pairs: one marked face
/// described at two image scales, and faces marked as the same person in different photos. Different-person pairs: two
/// faces of one photo at the same scale (certainly different people). Separation holds when every same pair is within
/// the match distance and every different pair beyond it.
/// </summary>
public sealed record DescriptorSeparation(
    int SamePairs, double SameMean, double SameMax, int SameWithin,
    int DifferentPairs, double DifferentMean, double DifferentMin, int DifferentBeyond)
{
    public static DescriptorSeparation Measure(IReadOnlyList<DescribedMarkedFace> faces, double matchDistance)
    {
        ArgumentNullException.ThrowIfNull(faces);
        var same = new List<double>();
        var different = new List<double>();
        for (var a = 0; a < faces.Count; a++)
        {
            for (var b = a + 1; b < faces.Count; b++)
            {
                var (first, second) = (faces[a], faces[b]);
                var samePhoto = first.Image == second.Image;
                var distance = FaceGallery.Distance(first.Descriptor, second.Descriptor);
                if ((samePhoto && first.Face == second.Face && first.LongSide != second.LongSide) || (!samePhoto && first.Person is not null && first.Person == second.Person))
                {
                    same.Add(distance);
                }
                else if (samePhoto && first.LongSide == second.LongSide)
                {
                    different.Add(distance);
                }
            }
        }

        return new DescriptorSeparation(
            same.Count, Mean(same), same.DefaultIfEmpty(double.NaN).Max(), same.Count(d => d <= matchDistance),
            different.Count, Mean(different), different.DefaultIfEmpty(double.NaN).Min(), different.Count(d => d > matchDistance));
    }

    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();
}
