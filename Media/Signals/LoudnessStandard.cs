namespace Glance.Media.Signals;

public enum LoudnessStandard
{
    /// <summary>EBU R128: -23 LUFS integrated, true peak at most -1 dBTP.</summary>
    EbuR128,

    /// <summary>ATSC A/85: -24 LKFS integrated, true peak at most -2 dBTP.</summary>
    AtscA85,
}
