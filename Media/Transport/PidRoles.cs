namespace Glance.Media.Transport;

/// <summary>What the PSI says a PID carries; decides which checks and parsers a packet of it goes through.</summary>
[Flags]
internal enum PidRoles : byte
{
    None = 0,
    Pat = 1,
    Pmt = 2,

    /// <summary>Other PSI/SI (CAT, NIT, SDT/BAT, EIT, TOT): sections whose CRC_32 is checked.</summary>
    Psi = 4,

    /// <summary>Listed in a PMT.</summary>
    Elementary = 8,

    /// <summary>Carries PES packets (PTS extracted).</summary>
    Pes = 16,

    /// <summary>Video or audio: subject to PID_error and PTS_error.</summary>
    AudioVideo = 32,

    Scte35 = 64,

    Video = 128,

    Sections = Pat | Pmt | Psi | Scte35,
}
