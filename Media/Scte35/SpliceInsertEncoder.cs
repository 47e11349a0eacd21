using Glance.Media.Transport;

namespace Glance.Media.Scte35;

/// <summary>
/// Encodes a splice_info_section carrying a splice_insert (SCTE 35 sections 9.6 and 9.7.3), the inverse of
/// <see cref="Scte35Decoder"/> for that command: decoding the bytes gives back the command and header fields given.
/// </summary>
/// <remarks>
/// Lengths, the command type and CRC_32 are computed, so the corresponding fields of a <see cref="SpliceInfoSection"/>
/// passed in are ignored. Reserved bits are written as 1, as the standard asks. Encryption and descriptors other than
/// avail_descriptor are not supported (the demo channel needs neither); they are refused rather than dropped.
/// </remarks>
public static class SpliceInsertEncoder
{
    /// <summary>section_length counts the bytes from protocol_version through splice_command_type (11), plus what follows.</summary>
    private const int FixedBytesAfterLength = 11;

    /// <summary>
    /// A section with the header values a cue without conditional access carries: sap_type 3 (not specified),
    /// cw_index 0xFF, tier 0xFFF (every tier), no descriptors.
    /// </summary>
    /// <exception cref="ArgumentException">The command is inconsistent (see <see cref="Encode(SpliceInfoSection)"/>).</exception>
    public static byte[] Encode(SpliceInsert command, long ptsAdjustment = 0) =>
        Encode(new SpliceInfoSection { SapType = 3, CwIndex = 0xFF, Tier = 0xFFF, PtsAdjustment = ptsAdjustment, Command = command });

    /// <summary>The section's header fields, its splice_insert and its descriptors, with lengths and CRC_32 computed.</summary>
    /// <exception cref="ArgumentException">
    /// The command is not a splice_insert or is inconsistent (a timed program splice without a time, a duration flag that
    /// disagrees with the break duration, components in a program splice ...), a value does not fit its field, the
    /// section is encrypted, or a descriptor other than avail_descriptor is given.
    /// </exception>
    public static byte[] Encode(SpliceInfoSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Command is not SpliceInsert insert)
        {
            throw new ArgumentException($"The section carries {section.Command?.Name ?? "no command"}; only splice_insert is encoded.", nameof(section));
        }

        if (section.EncryptedPacket || section.ProtocolVersion != 0 || section.TableId != SpliceInfoSection.TableIdValue)
        {
            throw new ArgumentException("Only clear sections of protocol_version 0 and table_id 0xFC are encoded.", nameof(section));
        }

        var command = EncodeCommand(insert);
        var descriptors = EncodeDescriptors(section.Descriptors);
        var sectionLength = FixedBytesAfterLength + command.Length + 2 + descriptors.Length + 4;
        if (sectionLength > Scte35Decoder.MaxSectionLength)
        {
            throw new ArgumentException($"The section would be {sectionLength} bytes long; at most {Scte35Decoder.MaxSectionLength} fit.", nameof(section));
        }

        var writer = new Scte35BitWriter()
            .Byte(SpliceInfoSection.TableIdValue, "table_id")
            .Flag(false) // section_syntax_indicator
            .Flag(false) // private_indicator
            .Bits((ulong)section.SapType, 2, nameof(section.SapType))
            .Bits((ulong)sectionLength, 12, "section_length")
            .Byte(0, "protocol_version")
            .Flag(false) // encrypted_packet
            .Bits(0, 6, "encryption_algorithm")
            .Bits(Unsigned(section.PtsAdjustment, nameof(section.PtsAdjustment)), 33, nameof(section.PtsAdjustment))
            .Byte(section.CwIndex, nameof(section.CwIndex))
            .Bits((ulong)section.Tier, 12, nameof(section.Tier))
            .Bits((ulong)command.Length, 12, "splice_command_length")
            .Byte(SpliceCommand.SpliceInsertType, "splice_command_type")
            .Bytes(command)
            .Bits((ulong)descriptors.Length, 16, "descriptor_loop_length")
            .Bytes(descriptors);
        var body = writer.ToArray();
        var crc = Mpeg2Crc32.Compute(body);
        return [.. body, (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
    }

    private static byte[] EncodeCommand(SpliceInsert insert)
    {
        var writer = new Scte35BitWriter()
            .Bits(insert.EventId, 32, nameof(insert.EventId))
            .Flag(insert.EventCancel)
            .Reserved(7);
        if (insert.EventCancel)
        {
            // A cancelled event carries nothing but its id.
            return writer.ToArray();
        }

        if (insert.DurationFlag != (insert.BreakDuration is not null))
        {
            throw new ArgumentException("DurationFlag must be set exactly when a BreakDuration is given.", nameof(insert));
        }

        writer.Flag(insert.OutOfNetwork)
            .Flag(insert.ProgramSplice)
            .Flag(insert.DurationFlag)
            .Flag(insert.SpliceImmediate)
            .Flag(insert.EventIdCompliance)
            .Reserved(3);
        if (insert.ProgramSplice)
        {
            if (insert.Components.Count > 0)
            {
                throw new ArgumentException("A program splice has no components.", nameof(insert));
            }

            if (insert.SpliceImmediate != (insert.SpliceTime is null))
            {
                throw new ArgumentException("A program splice has a splice time exactly when it is not immediate.", nameof(insert));
            }

            if (insert.SpliceTime is { } time)
            {
                WriteSpliceTime(writer, time);
            }
        }
        else
        {
            writer.Byte(insert.Components.Count, "component_count");
            foreach (var component in insert.Components)
            {
                writer.Byte(component.ComponentTag, nameof(component.ComponentTag));
                if (insert.SpliceImmediate != (component.SpliceTime is null))
                {
                    throw new ArgumentException("A component has a splice time exactly when the splice is not immediate.", nameof(insert));
                }

                if (component.SpliceTime is { } time)
                {
                    WriteSpliceTime(writer, time);
                }
            }
        }

        if (insert.BreakDuration is { } duration)
        {
            writer.Flag(duration.AutoReturn).Reserved(6).Bits(Unsigned(duration.Duration, nameof(duration.Duration)), 33, nameof(duration.Duration));
        }

        return writer
            .Bits((ulong)insert.UniqueProgramId, 16, nameof(insert.UniqueProgramId))
            .Byte(insert.AvailNum, nameof(insert.AvailNum))
            .Byte(insert.AvailsExpected, nameof(insert.AvailsExpected))
            .ToArray();
    }

    private static void WriteSpliceTime(Scte35BitWriter writer, SpliceTime time)
    {
        if (!time.TimeSpecified)
        {
            writer.Flag(false).Reserved(7);
            return;
        }

        var pts = time.PtsTime ?? throw new ArgumentException("A specified splice time needs its pts_time.", nameof(time));
        writer.Flag(true).Reserved(6).Bits(Unsigned(pts, nameof(time.PtsTime)), 33, nameof(time.PtsTime));
    }

    private static byte[] EncodeDescriptors(IReadOnlyList<SpliceDescriptor> descriptors)
    {
        var writer = new Scte35BitWriter();
        foreach (var descriptor in descriptors)
        {
            if (descriptor is not AvailDescriptor avail)
            {
                throw new ArgumentException($"Descriptor tag 0x{descriptor.Tag:X2} is not supported; only avail_descriptor is encoded.", nameof(descriptors));
            }

            writer.Byte(SpliceDescriptor.AvailTag, "splice_descriptor_tag")
                .Byte(8, "descriptor_length")
                .Bits(avail.Identifier, 32, nameof(avail.Identifier))
                .Bits(avail.ProviderAvailId, 32, nameof(avail.ProviderAvailId));
        }

        return writer.ToArray();
    }

    private static ulong Unsigned(long value, string field) =>
        value >= 0 ? (ulong)value : throw new ArgumentOutOfRangeException(field, value, $"{field} cannot be negative.");
}
