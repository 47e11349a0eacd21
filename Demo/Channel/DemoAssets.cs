namespace Glance.Demo.Channel;

/// <summary>The still pictures of the channel, rendered once at start, and where they go in the picture.</summary>
/// <param name="Gallery">What to register so that the detectors name what is shown.</param>
/// <param name="PresenterOnAir">PNG of the presenter's photo at its on-air size (<see cref="DemoLayout.Presenter"/>).</param>
/// <param name="LogoOnAir">PNG of the logo at its on-air size (<see cref="DemoLayout.Logo"/>): the template scaled to the frame height.</param>
public sealed record DemoAssets(DemoGallery Gallery, DemoLayout Layout, byte[] PresenterOnAir, byte[] LogoOnAir);
