namespace Glance.Media.Hls;

/// <summary>The tag form a <see cref="Cue"/> was written in.</summary>
public enum CueSource
{
    /// <summary>#EXT-X-CUE-OUT.</summary>
    CueOut,

    /// <summary>#EXT-X-CUE-OUT-CONT.</summary>
    CueOutCont,

    /// <summary>#EXT-X-CUE-IN.</summary>
    CueIn,

    /// <summary>#EXT-OATCLS-SCTE35.</summary>
    Oatcls,

    /// <summary>#EXT-X-DATERANGE with SCTE35-OUT, SCTE35-IN or SCTE35-CMD.</summary>
    DateRange,

    /// <summary>#EXT-X-SCTE35.</summary>
    Scte35,
}
