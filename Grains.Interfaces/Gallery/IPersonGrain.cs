namespace Glance.Grains.Interfaces.Gallery;

/// <summary>A known person of a tenant (key: "tenant/person"): a name and one face descriptor per reference image.</summary>
public interface IPersonGrain : IGalleryItemGrain<PersonDefinition, PersonView, GalleryPerson>;
