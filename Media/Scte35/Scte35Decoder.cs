using Glance.Media.Transport;

namespace Glance.Media.Scte35;

/// <summary>
/// Decodes SCTE-35 splice_info_section bytes (from a TS section, or from the base64 / hex text an HLS playlist carries in
/// #EXT-X-DATERANGE SCTE35-OUT, #EXT-OATCLS-SCTE35, #EXT-X-CUE-OUT-CONT ...). Every malformed input is a
/// <see cref="Scte35FormatException"/>; nothing else escapes.
/// </summary>
public static class Scte35Decoder
{
    /// <summary>The largest section_length a private section may have (ISO/IEC 13818-1).</summary>
    public const int MaxSectionLength = 4093;

    /// <summary>A splice_command_length of 0xFFF means "not given" (legacy encoders); the command is then parsed to find its end.</summary>
    private const int UnspecifiedCommandLength = 0xFFF;

    /// <param name="section">Exactly one section; trailing 0xFF stuffing (as in a TS payload) is allowed.</param>
    /// <param name="verifyCrc">When true (the default), a wrong CRC_32 is an error.</param>
    public static SpliceInfoSection Decode(ReadOnlySpan<byte> section, bool verifyCrc = true)
    {
        if (section.Length < 3)
        {
            throw new Scte35FormatException($"A splice_info_section needs at least 3 bytes; got {section.Length}.");
        }

        if (section[0] != SpliceInfoSection.TableIdValue)
        {
            throw new Scte35FormatException($"table_id is 0x{section[0]:X2}; a splice_info_section has 0xFC.");
        }

        var sectionLength = ((section[1] & 0x0F) << 8) | section[2];
        if (sectionLength > MaxSectionLength)
        {
            throw new Scte35FormatException($"section_length {sectionLength} exceeds {MaxSectionLength}.");
        }

        var total = 3 + sectionLength;
        if (total > section.Length)
        {
            throw new Scte35FormatException($"section_length {sectionLength} needs {total} bytes; only {section.Length} given.");
        }

        foreach (var extra in section[total..])
        {
            if (extra != 0xFF)
            {
                throw new Scte35FormatException($"{section.Length - total} bytes follow the section and are not stuffing.");
            }
        }

        var body = section[..total];
        // Fixed part (through splice_command_type) plus CRC_32.
        if (total < 14 + 4 + 2)
        {
            throw new Scte35FormatException($"section_length {sectionLength} is too short for a splice_info_section.");
        }

        var crc = (uint)((body[total - 4] << 24) | (body[total - 3] << 16) | (body[total - 2] << 8) | body[total - 1]);
        if (verifyCrc && Mpeg2Crc32.Compute(body) != 0)
        {
            throw new Scte35FormatException($"CRC_32 mismatch: section carries 0x{crc:X8}, computed 0x{Mpeg2Crc32.Compute(body[..^4]):X8}.");
        }

        var reader = new Scte35BitReader(body[..^4], "splice_info_section");
        // table_id, then section_syntax_indicator and private_indicator: both "shall be 0", but a wrong value there breaks
        // nothing that follows, so such sections from sloppy encoders are still decoded.
        reader.Skip(10);
        var sapType = (int)reader.ReadBits(2);
        reader.Skip(12); // section_length
        var protocolVersion = reader.ReadByte();
        if (protocolVersion != 0)
        {
            throw new Scte35FormatException($"protocol_version {protocolVersion} is not supported (only 0 is defined).");
        }

        var encrypted = reader.ReadFlag();
        var encryptionAlgorithm = (int)reader.ReadBits(6);
        var ptsAdjustment = (long)reader.ReadBits(33);
        var cwIndex = reader.ReadByte();
        var tier = (int)reader.ReadBits(12);
        var commandLength = (int)reader.ReadBits(12);
        var commandType = reader.ReadByte();

        var result = new SpliceInfoSection
        {
            SapType = sapType,
            SectionLength = sectionLength,
            ProtocolVersion = protocolVersion,
            EncryptedPacket = encrypted,
            EncryptionAlgorithm = encryptionAlgorithm,
            PtsAdjustment = ptsAdjustment,
            CwIndex = cwIndex,
            Tier = tier,
            SpliceCommandLength = commandLength,
            SpliceCommandType = commandType,
            Crc32 = crc,
        };

        if (encrypted)
        {
            // Command, descriptors and E_CRC_32 are cipher text without the key; report the clear header only.
            return result;
        }

        var afterType = body[reader.BytePosition..^4];
        SpliceCommand command;
        int consumed;
        if (commandLength == UnspecifiedCommandLength)
        {
            command = ReadCommand(commandType, afterType, ptsAdjustment, lengthKnown: false, out consumed);
        }
        else
        {
            if (commandLength > afterType.Length)
            {
                throw new Scte35FormatException($"splice_command_length {commandLength} exceeds the {afterType.Length} bytes left.");
            }

            command = ReadCommand(commandType, afterType[..commandLength], ptsAdjustment, lengthKnown: true, out consumed);
            consumed = commandLength;
        }

        var rest = afterType[consumed..];
        if (rest.Length < 2)
        {
            throw new Scte35FormatException("The section ends before descriptor_loop_length.");
        }

        var loopLength = (rest[0] << 8) | rest[1];
        if (loopLength > rest.Length - 2)
        {
            throw new Scte35FormatException($"descriptor_loop_length {loopLength} exceeds the {rest.Length - 2} bytes left.");
        }

        var descriptors = ReadDescriptors(rest.Slice(2, loopLength));
        // What is left is alignment_stuffing (for encryption); nothing to decode in a clear section.
        return result with { Command = command, Descriptors = descriptors };
    }

    /// <summary>Decodes base64 text (the form most playlists use).</summary>
    public static SpliceInfoSection DecodeBase64(string base64, bool verifyCrc = true)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var trimmed = base64.Trim();
        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written))
        {
            throw new Scte35FormatException("The SCTE-35 payload is not valid base64.");
        }

        return Decode(buffer.AsSpan(0, written), verifyCrc);
    }

    /// <summary>Decodes hexadecimal text, with or without a leading 0x.</summary>
    public static SpliceInfoSection DecodeHex(string hex, bool verifyCrc = true)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var trimmed = hex.Trim();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[2..];
        }

        if (trimmed.Length % 2 != 0)
        {
            throw new Scte35FormatException("The SCTE-35 hex payload has an odd number of digits.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(trimmed);
        }
        catch (FormatException e)
        {
            throw new Scte35FormatException("The SCTE-35 payload is not valid hexadecimal.", e);
        }

        return Decode(bytes, verifyCrc);
    }

    /// <summary>Decodes text in either form: hex when it starts with 0x (as in EXT-X-DATERANGE SCTE35-OUT), base64 otherwise.</summary>
    public static SpliceInfoSection DecodeText(string text, bool verifyCrc = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? DecodeHex(trimmed, verifyCrc) : DecodeBase64(trimmed, verifyCrc);
    }

    private static SpliceCommand ReadCommand(int type, ReadOnlySpan<byte> bytes, long ptsAdjustment, bool lengthKnown, out int consumed)
    {
        var reader = new Scte35BitReader(bytes, SpliceCommand.NameOf(type));
        SpliceCommand command;
        switch (type)
        {
            case SpliceCommand.SpliceNullType:
                command = new SpliceNull();
                break;
            case SpliceCommand.BandwidthReservationType:
                command = new BandwidthReservation();
                break;
            case SpliceCommand.TimeSignalType:
                command = new TimeSignal(SpliceTime.Read(ref reader, ptsAdjustment));
                break;
            case SpliceCommand.SpliceInsertType:
                command = ReadSpliceInsert(ref reader, ptsAdjustment);
                break;
            case SpliceCommand.SpliceScheduleType:
                command = ReadSpliceSchedule(ref reader);
                break;
            case SpliceCommand.PrivateCommandType:
                var identifier = reader.ReadUInt32();
                if (!lengthKnown)
                {
                    throw new Scte35FormatException("A private_command needs an explicit splice_command_length.");
                }

                command = new PrivateCommand(identifier, reader.ReadBytes(reader.RemainingBytes).ToArray());
                break;
            default:
                if (!lengthKnown)
                {
                    throw new Scte35FormatException($"Reserved splice_command_type 0x{type:X2} needs an explicit splice_command_length.");
                }

                command = new ReservedSpliceCommand(type, reader.ReadBytes(reader.RemainingBytes).ToArray());
                break;
        }

        consumed = reader.BytePosition;
        if (lengthKnown && consumed != bytes.Length)
        {
            throw new Scte35FormatException($"{SpliceCommand.NameOf(type)} takes {consumed} bytes but splice_command_length is {bytes.Length}.");
        }

        return command;
    }

    private static SpliceInsert ReadSpliceInsert(ref Scte35BitReader reader, long ptsAdjustment)
    {
        var eventId = reader.ReadUInt32();
        var cancel = reader.ReadFlag();
        reader.Skip(7);
        if (cancel)
        {
            return new SpliceInsert { EventId = eventId, EventCancel = true };
        }

        var outOfNetwork = reader.ReadFlag();
        var programSplice = reader.ReadFlag();
        var durationFlag = reader.ReadFlag();
        var immediate = reader.ReadFlag();
        var compliance = reader.ReadFlag();
        reader.Skip(3);
        SpliceTime? spliceTime = null;
        var components = new List<SpliceComponent>();
        if (programSplice && !immediate)
        {
            spliceTime = SpliceTime.Read(ref reader, ptsAdjustment);
        }

        if (!programSplice)
        {
            var count = reader.ReadByte();
            for (var i = 0; i < count; i++)
            {
                var tag = reader.ReadByte();
                components.Add(new SpliceComponent(tag, immediate ? null : SpliceTime.Read(ref reader, ptsAdjustment)));
            }
        }

        var breakDuration = durationFlag ? BreakDuration.Read(ref reader) : null;
        return new SpliceInsert
        {
            EventId = eventId,
            EventCancel = false,
            OutOfNetwork = outOfNetwork,
            ProgramSplice = programSplice,
            DurationFlag = durationFlag,
            SpliceImmediate = immediate,
            EventIdCompliance = compliance,
            SpliceTime = spliceTime,
            Components = components,
            BreakDuration = breakDuration,
            UniqueProgramId = reader.ReadUInt16(),
            AvailNum = reader.ReadByte(),
            AvailsExpected = reader.ReadByte(),
        };
    }

    private static SpliceSchedule ReadSpliceSchedule(ref Scte35BitReader reader)
    {
        var count = reader.ReadByte();
        var events = new List<ScheduledSpliceEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var eventId = reader.ReadUInt32();
            var cancel = reader.ReadFlag();
            reader.Skip(7);
            if (cancel)
            {
                events.Add(new ScheduledSpliceEvent { EventId = eventId, EventCancel = true });
                continue;
            }

            var outOfNetwork = reader.ReadFlag();
            var programSplice = reader.ReadFlag();
            var durationFlag = reader.ReadFlag();
            reader.Skip(5);
            uint? utc = programSplice ? reader.ReadUInt32() : null;
            var components = new List<ScheduledSpliceComponent>();
            if (!programSplice)
            {
                var componentCount = reader.ReadByte();
                for (var c = 0; c < componentCount; c++)
                {
                    var tag = reader.ReadByte();
                    components.Add(new ScheduledSpliceComponent(tag, reader.ReadUInt32()));
                }
            }

            var breakDuration = durationFlag ? BreakDuration.Read(ref reader) : null;
            events.Add(new ScheduledSpliceEvent
            {
                EventId = eventId,
                EventCancel = false,
                OutOfNetwork = outOfNetwork,
                ProgramSplice = programSplice,
                UtcSpliceTime = utc,
                Components = components,
                BreakDuration = breakDuration,
                UniqueProgramId = reader.ReadUInt16(),
                AvailNum = reader.ReadByte(),
                AvailsExpected = reader.ReadByte(),
            });
        }

        return new SpliceSchedule(events);
    }

    private static List<SpliceDescriptor> ReadDescriptors(ReadOnlySpan<byte> loop)
    {
        var descriptors = new List<SpliceDescriptor>();
        while (!loop.IsEmpty)
        {
            if (loop.Length < 2)
            {
                throw new Scte35FormatException("The descriptor loop ends inside a descriptor header.");
            }

            var tag = loop[0];
            var length = loop[1];
            if (length > loop.Length - 2)
            {
                throw new Scte35FormatException($"Descriptor tag 0x{tag:X2} claims {length} bytes but only {loop.Length - 2} remain.");
            }

            if (length < 4)
            {
                throw new Scte35FormatException($"Descriptor tag 0x{tag:X2} is {length} bytes long; every splice_descriptor starts with a 4-byte identifier.");
            }

            descriptors.Add(ReadDescriptor(tag, loop.Slice(2, length)));
            loop = loop[(2 + length)..];
        }

        return descriptors;
    }

    private static SpliceDescriptor ReadDescriptor(int tag, ReadOnlySpan<byte> body)
    {
        var identifier = (uint)((body[0] << 24) | (body[1] << 16) | (body[2] << 8) | body[3]);
        if (identifier != SpliceDescriptor.CueIdentifier || tag > SpliceDescriptor.AudioTag)
        {
            return new OpaqueSpliceDescriptor(tag, identifier, body[4..].ToArray());
        }

        var reader = new Scte35BitReader(body, $"splice_descriptor 0x{tag:X2}");
        reader.Skip(32);
        SpliceDescriptor descriptor = tag switch
        {
            SpliceDescriptor.AvailTag => new AvailDescriptor(identifier, reader.ReadUInt32()),
            SpliceDescriptor.DtmfTag => ReadDtmf(ref reader, identifier),
            SpliceDescriptor.SegmentationTag => ReadSegmentation(ref reader, identifier),
            SpliceDescriptor.TimeTag => new TimeDescriptor(identifier, (long)reader.ReadBits(48), reader.ReadUInt32(), reader.ReadUInt16()),
            _ => ReadAudio(ref reader, identifier),
        };

        // Bytes after the defined fields are allowed by the standard (future extensions) and ignored.
        return descriptor;
    }

    private static DtmfDescriptor ReadDtmf(ref Scte35BitReader reader, uint identifier)
    {
        var preroll = reader.ReadByte();
        var count = (int)reader.ReadBits(3);
        reader.Skip(5);
        var chars = reader.ReadBytes(count);
        foreach (var c in chars)
        {
            if (c is not ((>= (byte)'0' and <= (byte)'9') or (byte)'*' or (byte)'#'))
            {
                throw new Scte35FormatException($"DTMF_char 0x{c:X2} is not one of 0-9, * and #.");
            }
        }

        return new DtmfDescriptor(identifier, preroll, System.Text.Encoding.ASCII.GetString(chars));
    }

    private static AudioDescriptor ReadAudio(ref Scte35BitReader reader, uint identifier)
    {
        var count = (int)reader.ReadBits(4);
        reader.Skip(4);
        var components = new List<AudioComponent>(count);
        for (var i = 0; i < count; i++)
        {
            var tag = reader.ReadByte();
            var iso = reader.ReadBytes(3);
            var isoCode = string.Create(3, iso.ToArray(), static (span, b) =>
            {
                for (var k = 0; k < 3; k++)
                {
                    span[k] = b[k] is >= 0x20 and < 0x7F ? (char)b[k] : '?';
                }
            });
            var bitStreamMode = (int)reader.ReadBits(3);
            var channels = (int)reader.ReadBits(4);
            var fullService = reader.ReadFlag();
            components.Add(new AudioComponent(tag, isoCode, bitStreamMode, channels, fullService));
        }

        return new AudioDescriptor(identifier, components);
    }

    private static SegmentationDescriptor ReadSegmentation(ref Scte35BitReader reader, uint identifier)
    {
        var eventId = reader.ReadUInt32();
        var cancel = reader.ReadFlag();
        var compliance = reader.ReadFlag();
        reader.Skip(6);
        if (cancel)
        {
            return new SegmentationDescriptor(identifier) { EventId = eventId, EventCancel = true, EventIdCompliance = compliance };
        }

        var programSegmentation = reader.ReadFlag();
        var durationFlag = reader.ReadFlag();
        var notRestricted = reader.ReadFlag();
        bool? web = null, noBlackout = null, archive = null;
        int? device = null;
        if (!notRestricted)
        {
            web = reader.ReadFlag();
            noBlackout = reader.ReadFlag();
            archive = reader.ReadFlag();
            device = (int)reader.ReadBits(2);
        }
        else
        {
            reader.Skip(5);
        }

        var components = new List<SegmentationComponent>();
        if (!programSegmentation)
        {
            var count = reader.ReadByte();
            for (var i = 0; i < count; i++)
            {
                var tag = reader.ReadByte();
                reader.Skip(7);
                components.Add(new SegmentationComponent(tag, (long)reader.ReadBits(33)));
            }
        }

        long? duration = durationFlag ? (long)reader.ReadBits(40) : null;
        var upidType = reader.ReadByte();
        var upidLength = reader.ReadByte();
        var upid = SegmentationUpid.Read(upidType, reader.ReadBytes(upidLength), depth: 0);
        var typeId = reader.ReadByte();
        var segmentNum = reader.ReadByte();
        var segmentsExpected = reader.ReadByte();
        int? subNum = null, subExpected = null;
        if (SegmentationTypes.MayCarrySubSegments(typeId) && reader.RemainingBytes >= 2)
        {
            subNum = reader.ReadByte();
            subExpected = reader.ReadByte();
        }

        return new SegmentationDescriptor(identifier)
        {
            EventId = eventId,
            EventCancel = false,
            EventIdCompliance = compliance,
            ProgramSegmentation = programSegmentation,
            DeliveryNotRestricted = notRestricted,
            WebDeliveryAllowed = web,
            NoRegionalBlackout = noBlackout,
            ArchiveAllowed = archive,
            DeviceRestrictions = device,
            Components = components,
            Duration = duration,
            Upid = upid,
            SegmentationTypeId = typeId,
            SegmentNum = segmentNum,
            SegmentsExpected = segmentsExpected,
            SubSegmentNum = subNum,
            SubSegmentsExpected = subExpected,
        };
    }
}
