namespace Glance.Media.Transport;

/// <summary>The ETSI TR 101 290 checks the analyzer performs (priority 1, then priority 2).</summary>
public enum TransportCheck
{
    /// <summary>1.1 TS_sync_loss: two or more consecutive corrupted sync bytes after sync was acquired.</summary>
    SyncLoss,

    /// <summary>1.2 Sync_byte_error: a packet in sync position does not start with 0x47.</summary>
    SyncByte,

    /// <summary>1.3(a) PAT_error_2: no PAT for the PAT interval, a table other than PAT on PID 0, or PID 0 scrambled.</summary>
    Pat,

    /// <summary>1.4 Continuity_count_error: lost packet, wrong order, a packet more than twice, or an increment without payload.</summary>
    Continuity,

    /// <summary>1.5(a) PMT_error_2: a PMT listed in the PAT missing for the PMT interval, or a PMT PID scrambled.</summary>
    Pmt,

    /// <summary>1.6 PID_error: a video or audio PID listed in a PMT absent for the PID timeout.</summary>
    Pid,

    /// <summary>2.1 Transport_error: transport_error_indicator set.</summary>
    Transport,

    /// <summary>2.2 CRC_error: a PAT, CAT, PMT, NIT, SDT, BAT, EIT or TOT section with a wrong CRC_32.</summary>
    Crc,

    /// <summary>2.3(a) PCR_repetition_error: two consecutive PCRs further apart than the repetition limit.</summary>
    PcrRepetition,

    /// <summary>2.3(b) PCR_discontinuity_indicator_error: a PCR step outside 0..100 ms without discontinuity_indicator.</summary>
    PcrDiscontinuity,

    /// <summary>2.5 PTS_error: no PTS on a video or audio PID for more than 700 ms.</summary>
    Pts,
}
