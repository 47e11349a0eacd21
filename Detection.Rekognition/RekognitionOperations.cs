namespace Glance.Detection.Rekognition;

/// <summary>Which Rekognition operations run on each frame; every enabled operation is one paid request per frame.</summary>
[Flags]
public enum RekognitionOperations
{
    None = 0,
    Celebrities = 1,
    Labels = 2,
    Text = 4,

    /// <summary>Needs <see cref="RekognitionOptions.ProjectVersionArn"/> (a trained, running Custom Labels model).</summary>
    CustomLabels = 8,
    Moderation = 16,

    /// <summary>Needs <see cref="RekognitionOptions.CollectionId"/> (the broadcaster's indexed face collection).</summary>
    Faces = 32,
}
