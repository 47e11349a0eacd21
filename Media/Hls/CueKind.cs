namespace Glance.Media.Hls;

public enum CueKind
{
    /// <summary>A break starts (splice out of the network feed).</summary>
    Out,

    /// <summary>A break that started earlier is still running.</summary>
    Continue,

    /// <summary>The break ends (splice back in).</summary>
    In,

    /// <summary>A splice command whose meaning only its payload tells (EXT-OATCLS-SCTE35, SCTE35-CMD).</summary>
    Command,
}
