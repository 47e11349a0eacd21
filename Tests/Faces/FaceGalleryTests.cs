using Glance.Detection;
using Glance.Detection.Local.Faces;

namespace Glance.Tests.Faces;

public sealed class FaceGalleryTests
{
    private static float[] Descriptor(float first, float second)
    {
        var values = new float[128];
        values[0] = first;
        values[1] = second;
        return values;
    }

    [Fact]
    public void The_nearest_person_within_the_distance_is_the_match()
    {
        var ann = new KnownPerson("a", "Ann", [Descriptor(1, 0), Descriptor(0.2f, 0.1f)]);
        var bob = new KnownPerson("b", "Bob", [Descriptor(0, 0.3f)]);

        var match = FaceGallery.Match(Descriptor(0.1f, 0.1f), [ann, bob]);

        match.Person.Should().Be(ann);
        match.Distance.Should().BeApproximately(0.1, 1e-6);
    }

    [Fact]
    public void Nobody_within_the_distance_is_an_unknown_face_with_the_best_distance()
    {
        var ann = new KnownPerson("a", "Ann", [Descriptor(1, 0)]);

        var match = FaceGallery.Match(Descriptor(0, 0), [ann], maxDistance: 0.5);

        match.IsKnown.Should().BeFalse();
        match.Distance.Should().BeApproximately(1, 1e-6);
    }

    [Fact]
    public void An_empty_gallery_matches_nobody()
    {
        FaceGallery.Match(Descriptor(0, 0), []).IsKnown.Should().BeFalse();
    }

    [Fact]
    public void Alignment_recovers_a_known_similarity_transform_from_landmarks()
    {
        // Landmarks made by moving the template with a known rotation, scale and shift: the fit must give that back.
        var expected = new FaceChipAligner.SimilarityTransform(1.2 * Math.Cos(0.3), 1.2 * Math.Sin(0.3), 40, 25);
        var identity = FaceChipAligner.ChipToImage(new FaceLandmarks(TemplateLandmarks(new FaceChipAligner.SimilarityTransform(1, 0, 0, 0))));
        var moved = new FaceLandmarks(TemplateLandmarks(expected));

        var fit = FaceChipAligner.ChipToImage(moved);

        identity.A.Should().BeApproximately(1, 1e-5);
        identity.B.Should().BeApproximately(0, 1e-5);
        identity.Tx.Should().BeApproximately(0, 1e-3);
        fit.Scale.Should().BeApproximately(1.2, 1e-5);
        fit.AngleRadians.Should().BeApproximately(0.3, 1e-5);
        fit.Tx.Should().BeApproximately(40, 1e-3);
        fit.Ty.Should().BeApproximately(25, 1e-3);
    }

    [Fact]
    public void Missing_models_name_the_setup_command()
    {
        var empty = Directory.CreateTempSubdirectory("glance-no-models-");
        try
        {
            var act = () => FaceModelLocator.ResolveFaceApiFolder(new LocalModelOptions { FaceApiModelFolder = empty.FullName }, null);

            act.Should().Throw<FaceModelException>().WithMessage("*scripts/setup*");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    /// <summary>68 points: dlib's template positions (chip pixels) moved by the transform; the points dlib ignores stay at the origin.</summary>
    private static float[] TemplateLandmarks(FaceChipAligner.SimilarityTransform transform)
    {
        var template = FaceChipAligner.TemplatePoints(150);
        var coordinates = new float[136];
        foreach (var (index, u, v) in template)
        {
            var (x, y) = transform.Apply(u, v);
            coordinates[2 * index] = (float)x;
            coordinates[(2 * index) + 1] = (float)y;
        }

        return coordinates;
    }
}
