namespace Glance.Tests.Transport;

/// <summary>A fact that needs tstools' tsreport as an independent cross-check; skipped, saying so, where it is not installed.</summary>
public sealed class TsToolsFactAttribute : FactAttribute
{
    public TsToolsFactAttribute()
    {
        if (!TsTools.Available)
        {
            Skip = "tstools (tsreport) is not installed: apt-get install tstools";
        }
    }
}
