using System.Globalization;
using Glance.Detection;
using Glance.Detection.Local.Faces;
using Glance.Media.Frames;
using Glance.Media.Images;
using Glance.Media.Processes;

namespace Glance.Tests.Faces;

/// <summary>
/// Recognition on real photos: face-api's demo group photos (package/demo). Two of them show, by eye, the same woman
/// (the blonde on the right of sample1.jpg and the blonde in the middle of sample3.jpg); every photo shows several
/// different women side by side.
/// </summary>
public sealed class FaceIdentityTests
{
    private const int LongSide = 640;

    [FaceModelsFact]
    public async Task Group_photos_yield_a_face_per_person_with_landmarks_and_descriptors()
    {
        var image = await Demo("sample5.jpg");

        var faces = FaceModelsFixture.Analyzer(new LocalModelOptions { MaxDescribedFacesPerFrame = 10 }).Analyze(image);

        faces.Should().HaveCount(5, "face-api finds the five women in sample5.jpg");
        foreach (var face in faces)
        {
            face.Score.Should().BeInRange(0.5f, 1f);
            face.RelativeBox.Width.Should().BeInRange(0.05, 0.5);
            face.Descriptor.Should().HaveCount(128);
            var (noseX, noseY) = face.Landmarks![30];
            noseX.Should().BeInRange((float)face.Box.X, (float)(face.Box.X + face.Box.Width), "the nose tip lies inside the face box");
            noseY.Should().BeInRange((float)face.Box.Y, (float)(face.Box.Y + face.Box.Height));
        }
    }

    [FaceModelsFact]
    public async Task The_same_woman_in_two_different_photos_is_within_the_match_distance()
    {
        var first = FaceAt(await Analyze("sample1.jpg"), 0.82, 0.28);
        var second = FaceAt(await Analyze("sample3.jpg"), 0.61, 0.29);

        FaceGallery.Distance(first.Descriptor, second.Descriptor).Should().BeLessThan(FaceGallery.DefaultMaxDistance);
    }

    [FaceModelsFact]
    public async Task Different_people_in_the_same_photo_are_kept_apart()
    {
        var pairs = 0;
        foreach (var name in new[] { "sample1.jpg", "sample3.jpg", "sample5.jpg", "sample6.jpg" })
        {
            var faces = (await Analyze(name)).Where(f => f.Descriptor is not null).ToList();
            faces.Count.Should().BeGreaterThan(2, name);
            for (var a = 0; a < faces.Count; a++)
            {
                for (var b = a + 1; b < faces.Count; b++)
                {
                    FaceGallery.Distance(faces[a].Descriptor, faces[b].Descriptor).Should().BeGreaterThan(FaceGallery.DefaultMaxDistance, $"two different women in {name}");
                    pairs++;
                }
            }
        }

        pairs.Should().BeGreaterThan(20);
    }

    [FaceModelsFact]
    public async Task A_rotated_rescaled_recompressed_copy_of_a_face_still_matches()
    {
        // Not a second photo: the same photo re-cut by ffmpeg (crop, 7 degree turn, 0.7x scale, JPEG quality 60).
        var original = FaceAt(await Analyze("sample6.jpg"), 0.18, 0.43);
        var modified = await Transformed(Path.Combine(FaceModelFiles.DemoFolder, "sample6.jpg"));
        var detector = Detector();

        var descriptor = await detector.DescribeReferenceImageAsync(modified, ImageDecodeLimits.Default, CancellationToken.None);

        FaceGallery.Distance(original.Descriptor, descriptor).Should().BeLessThan(0.35);
    }

    [FaceModelsFact]
    public async Task The_frame_detector_names_gallery_people_and_reports_others_as_unknown_faces()
    {
        var detector = Detector();
        var reference = await FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, "sample1.jpg"), 1280);
        var blonde = FaceAt(FaceModelsFixture.Analyzer().Analyze(reference), 0.82, 0.28);
        var context = new DetectionContext
        {
            People = [new KnownPerson("p-1", "Blonde from sample1", [blonde.Descriptor!]), new KnownPerson("p-2", "Somebody else", [Enumerable.Repeat(0.05f, 128).ToArray()])],
        };

        var detections = await detector.DetectAsync(new DetectionFrame(await Demo("sample3.jpg")), context, CancellationToken.None);

        detections.Should().HaveCount(3);
        detections.Should().OnlyContain(d => d.Kind == DetectionKind.Face && d.Detector == "local.faces" && d.Box != null);
        var known = detections.Should().ContainSingle(d => d.Id != null).Which;
        known.Id.Should().Be("p-1");
        known.Name.Should().Be("Blonde from sample1");
        (known.Box!.Value.X + (known.Box.Value.Width / 2)).Should().BeApproximately(0.61, 0.05);
        detections.Where(d => d.Id == null).Should().HaveCount(2).And.OnlyContain(d => d.Name == "unknown face");
    }

    [FaceModelsFact]
    public async Task A_reference_image_without_a_face_is_refused_clearly()
    {
        var pixels = new byte[320 * 240 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 251);
        }

        var jpeg = await FaceModelsFixture.Codec.EncodeJpegAsync(new RgbImage(320, 240, pixels), 90, CancellationToken.None);

        var act = () => Detector().DescribeReferenceImageAsync(jpeg, ImageDecodeLimits.Default, CancellationToken.None);

        (await act.Should().ThrowAsync<NoFaceFoundException>()).Which.Message.Should().Contain("No face");
    }

    [FaceModelsFact]
    public async Task A_reference_upload_that_is_not_an_image_is_an_image_error()
    {
        var act = () => Detector().DescribeReferenceImageAsync("definitely not a JPEG"u8.ToArray(), ImageDecodeLimits.Default, CancellationToken.None);

        await act.Should().ThrowAsync<ImageFormatException>();
    }

    private static LocalFaceDetector Detector() => new(FaceModelsFixture.Analyzer(), FaceModelsFixture.Codec);

    private static Task<RgbImage> Demo(string name) => FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, name), LongSide);

    private static async Task<IReadOnlyList<AnalyzedFace>> Analyze(string name) =>
        FaceModelsFixture.Analyzer(new LocalModelOptions { MaxDescribedFacesPerFrame = 10 }).Analyze(await Demo(name));

    /// <summary>The described face whose box centre is nearest the relative point (x, y).</summary>
    private static AnalyzedFace FaceAt(IReadOnlyList<AnalyzedFace> faces, double x, double y)
    {
        var face = faces.Where(f => f.Descriptor is not null)
            .MinBy(f => Math.Pow(f.RelativeBox.X + (f.RelativeBox.Width / 2) - x, 2) + Math.Pow(f.RelativeBox.Y + (f.RelativeBox.Height / 2) - y, 2));
        face.Should().NotBeNull();
        (face!.RelativeBox.X + (face.RelativeBox.Width / 2)).Should().BeApproximately(x, 0.06, "the expected face was found");
        return face;
    }

    private static async Task<byte[]> Transformed(string path)
    {
        var output = Path.Combine(Path.GetTempPath(), $"glance-face-{Guid.NewGuid():N}.jpg");
        try
        {
            var filter = string.Create(CultureInfo.InvariantCulture, $"crop=iw*0.32:ih*0.45:iw*0.02:ih*0.25,rotate=7*PI/180:fillcolor=gray,scale=iw*0.7:-2");
            var request = new ChildProcessRequest("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", path, "-vf", filter, "-q:v", "9", output])
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            await ChildProcess.RunCheckedAsync(request, CancellationToken.None);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
