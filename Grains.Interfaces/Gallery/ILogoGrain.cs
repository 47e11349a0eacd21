namespace Glance.Grains.Interfaces.Gallery;

/// <summary>A station or team logo of a tenant (key: "tenant/logo"): a name and the template the logo detector looks for.</summary>
public interface ILogoGrain : IGalleryItemGrain<LogoDefinition, LogoView, GalleryLogo>;
