namespace Glance.Media.Scte35;

/// <summary>A splice_descriptor() from the descriptor loop (SCTE 35 section 10); the concrete record says which one.</summary>
public abstract record SpliceDescriptor(int Tag, uint Identifier)
{
    public const int AvailTag = 0x00;
    public const int DtmfTag = 0x01;
    public const int SegmentationTag = 0x02;
    public const int TimeTag = 0x03;
    public const int AudioTag = 0x04;

    /// <summary>"CUEI", the identifier of every descriptor that SCTE 35 itself defines.</summary>
    public const uint CueIdentifier = 0x43554549;
}

/// <summary>avail_descriptor(): an identifier of the avail that the provider assigns.</summary>
public sealed record AvailDescriptor(uint Identifier, uint ProviderAvailId) : SpliceDescriptor(AvailTag, Identifier);

/// <summary>DTMF_descriptor(): the DTMF tones an analogue splicer would have heard, and their pre-roll in 1/10 s.</summary>
public sealed record DtmfDescriptor(uint Identifier, int Preroll, string DtmfChars) : SpliceDescriptor(DtmfTag, Identifier);

/// <summary>time_descriptor(): the TAI time of the signal, for systems that carry wall-clock time.</summary>
public sealed record TimeDescriptor(uint Identifier, long TaiSeconds, uint TaiNanoseconds, int UtcOffset) : SpliceDescriptor(TimeTag, Identifier);

/// <summary>audio_descriptor(): the audio components and their properties.</summary>
public sealed record AudioDescriptor(uint Identifier, IReadOnlyList<AudioComponent> Components) : SpliceDescriptor(AudioTag, Identifier);

public sealed record AudioComponent(int ComponentTag, string IsoCode, int BitStreamMode, int NumChannels, bool FullServiceAudio);

/// <summary>A descriptor with a reserved tag, or a private one (identifier other than CUEI); kept as raw bytes.</summary>
public sealed record OpaqueSpliceDescriptor(int DescriptorTag, uint DescriptorIdentifier, byte[] Data) : SpliceDescriptor(DescriptorTag, DescriptorIdentifier);
