namespace Glance.Grains.Interfaces.Gallery;

/// <summary>A custom image classifier of a tenant (key: "tenant/classifier"), for example sport type: its trained model.</summary>
public interface IClassifierGrain : IGalleryItemGrain<ClassifierDefinition, ClassifierView, GalleryClassifier>;
