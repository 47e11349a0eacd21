namespace Glance.Tests.Rekognition;

/// <summary>
/// Answers in the shapes the Rekognition API reference documents, including members the client ignores (landmarks,
/// pose, aliases, categories, model versions) so that tolerance to the full shapes is exercised.
/// </summary>
internal static class RekognitionWireExamples
{
    public const string RecognizeCelebrities = """
        {
          "CelebrityFaces": [
            {
              "Urls": ["www.wikidata.org/wiki/Q1"],
              "Name": "Jane Anchor",
              "Id": "3Ir0du6",
              "KnownGender": { "Type": "Female" },
              "MatchConfidence": 98.0,
              "Face": {
                "BoundingBox": { "Width": 0.2, "Height": 0.3, "Left": 0.1, "Top": 0.15 },
                "Confidence": 99.9,
                "Landmarks": [ { "Type": "eyeLeft", "X": 0.15, "Y": 0.2 } ],
                "Pose": { "Roll": 1.5, "Yaw": -3.2, "Pitch": 0.4 },
                "Quality": { "Brightness": 56.1, "Sharpness": 92.2 },
                "Emotions": [ { "Type": "CALM", "Confidence": 88.0 } ],
                "Smile": { "Value": false, "Confidence": 91.0 }
              }
            },
            {
              "Urls": [],
              "Name": "Barely Recognized",
              "Id": "9Zz9zz9",
              "MatchConfidence": 31.0,
              "Face": { "BoundingBox": { "Width": 0.05, "Height": 0.08, "Left": 0.8, "Top": 0.1 }, "Confidence": 97.0 }
            }
          ],
          "UnrecognizedFaces": [
            { "BoundingBox": { "Width": 0.1, "Height": 0.15, "Left": 0.6, "Top": 0.5 }, "Confidence": 99.1 }
          ],
          "OrientationCorrection": "ROTATE_0"
        }
        """;

    public const string DetectLabels = """
        {
          "Labels": [
            {
              "Name": "Person",
              "Confidence": 99.2,
              "Instances": [
                { "BoundingBox": { "Width": 0.25, "Height": 0.5, "Left": 0.1, "Top": 0.2 }, "Confidence": 99.2, "DominantColors": [] },
                { "BoundingBox": { "Width": 0.3, "Height": 0.6, "Left": 0.8, "Top": 0.5 }, "Confidence": 87.5 }
              ],
              "Parents": [],
              "Aliases": [ { "Name": "Human" } ],
              "Categories": [ { "Name": "Person Description" } ]
            },
            {
              "Name": "Stadium",
              "Confidence": 91.0,
              "Instances": [],
              "Parents": [ { "Name": "Building" }, { "Name": "Architecture" } ],
              "Aliases": [ { "Name": "Arena" } ],
              "Categories": [ { "Name": "Buildings and Architecture" } ]
            },
            { "Name": "Confetti", "Confidence": 21.0, "Instances": [], "Parents": [] }
          ],
          "LabelModelVersion": "3.0"
        }
        """;

    public const string DetectText = """
        {
          "TextDetections": [
            {
              "DetectedText": "HOME 2 - 1 AWAY",
              "Type": "LINE",
              "Id": 0,
              "Confidence": 98.7,
              "Geometry": {
                "BoundingBox": { "Width": 0.3, "Height": 0.05, "Left": 0.05, "Top": 0.04 },
                "Polygon": [ { "X": 0.05, "Y": 0.04 }, { "X": 0.35, "Y": 0.04 }, { "X": 0.35, "Y": 0.09 }, { "X": 0.05, "Y": 0.09 } ]
              }
            },
            {
              "DetectedText": "HOME",
              "Type": "WORD",
              "Id": 1,
              "ParentId": 0,
              "Confidence": 99.1,
              "Geometry": { "BoundingBox": { "Width": 0.08, "Height": 0.05, "Left": 0.05, "Top": 0.04 }, "Polygon": [] }
            },
            {
              "DetectedText": "smudge",
              "Type": "LINE",
              "Id": 2,
              "Confidence": 41.0,
              "Geometry": { "BoundingBox": { "Width": 0.1, "Height": 0.02, "Left": 0.5, "Top": 0.9 }, "Polygon": [] }
            }
          ],
          "TextModelVersion": "3.0"
        }
        """;

    public const string DetectCustomLabels = """
        {
          "CustomLabels": [
            { "Name": "basketball", "Confidence": 92.5 },
            {
              "Name": "Scoreboard",
              "Confidence": 80.0,
              "Geometry": { "BoundingBox": { "Width": 0.2, "Height": 0.1, "Left": 0.7, "Top": 0.02 }, "Polygon": [] }
            }
          ]
        }
        """;

    public const string DetectModerationLabels = """
        {
          "ModerationLabels": [
            { "Confidence": 88.2, "Name": "Violence", "ParentName": "", "TaxonomyLevel": 1 },
            { "Confidence": 75.0, "Name": "Graphic Violence", "ParentName": "Violence", "TaxonomyLevel": 2 },
            { "Confidence": 12.0, "Name": "Weapons", "ParentName": "Violence", "TaxonomyLevel": 2 }
          ],
          "ModerationModelVersion": "7.0",
          "ContentTypes": [ { "Confidence": 90.0, "Name": "Animated" } ]
        }
        """;

    public const string SearchFacesByImage = """
        {
          "SearchedFaceBoundingBox": { "Width": 0.18, "Height": 0.32, "Left": 0.4, "Top": 0.1 },
          "SearchedFaceConfidence": 99.9,
          "FaceMatches": [
            {
              "Similarity": 85.1,
              "Face": {
                "FaceId": "0b683aed-a0f1-48b2-9b5e-139e9cc2a757",
                "BoundingBox": { "Width": 0.5, "Height": 0.6, "Left": 0.2, "Top": 0.1 },
                "ImageId": "9ba38e68-35b6-5509-9d2e-fcffa75d1653",
                "ExternalImageId": "person-bo",
                "Confidence": 99.7,
                "IndexFacesModelVersion": "7.0"
              }
            },
            {
              "Similarity": 97.5,
              "Face": {
                "FaceId": "38271d79-7bc2-5efb-b752-398a8d575b85",
                "BoundingBox": { "Width": 0.4, "Height": 0.5, "Left": 0.3, "Top": 0.2 },
                "ImageId": "d5631190-d039-54e4-b267-abd22c8647c5",
                "ExternalImageId": "person-ana",
                "Confidence": 99.9,
                "IndexFacesModelVersion": "7.0"
              }
            }
          ],
          "FaceModelVersion": "7.0"
        }
        """;

    public static string For(string operation) => operation switch
    {
        "RecognizeCelebrities" => RecognizeCelebrities,
        "DetectLabels" => DetectLabels,
        "DetectText" => DetectText,
        "DetectCustomLabels" => DetectCustomLabels,
        "DetectModerationLabels" => DetectModerationLabels,
        "SearchFacesByImage" => SearchFacesByImage,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a Rekognition image operation the server knows."),
    };
}
