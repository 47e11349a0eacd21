namespace Glance.Detection.Rekognition;

/// <summary>Rekognition speaks confidence in percent; the common contract in 0..1.</summary>
internal static class Percent
{
    public static double ToUnit(double? percent) =>
        percent is { } value && double.IsFinite(value) ? Math.Clamp(value / 100, 0, 1) : 0;

    public static double FromUnit(double unit) => Math.Round(Math.Clamp(unit, 0, 1) * 100, 3);
}
