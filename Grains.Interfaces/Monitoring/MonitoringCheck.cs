namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>The checks run on every analysed segment, each switchable per event and per program.</summary>
public enum MonitoringCheck
{
    /// <summary>The scheduled station logo is on screen in enough sampled frames.</summary>
    StationLogo,

    /// <summary>The scheduled sport is recognized in enough sampled frames.</summary>
    Sport,

    /// <summary>Each scheduled team is seen (by text or logo) in enough sampled frames.</summary>
    Teams,

    /// <summary>An audio stream is present and no silence lasts beyond the limit.</summary>
    Audio,

    /// <summary>Integrated loudness within the EBU R128 tolerance of the target, true peak under its ceiling.</summary>
    Loudness,

    /// <summary>No black picture beyond the limit.</summary>
    Black,

    /// <summary>No frozen picture beyond the limit.</summary>
    Freeze,

    /// <summary>TR 101 290 priority 1 clean.</summary>
    Transport,

    /// <summary>SCTE-35 cues where the schedule places a break's start or end.</summary>
    Scte35,

    /// <summary>Captions present where the program expects them.</summary>
    Captions,
}
