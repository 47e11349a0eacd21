namespace Glance.Grains;

/// <summary>Anchor for finding the grain classes of this assembly.</summary>
public static class GrainsAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(GrainsAssembly).Assembly;
}
