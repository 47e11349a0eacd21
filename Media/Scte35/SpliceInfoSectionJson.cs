using System.Text.Json;

namespace Glance.Media.Scte35;

/// <summary>Writes the fields of a <see cref="SpliceInfoSection"/> that a cue list needs (command, event, times, segmentation).</summary>
public static class SpliceInfoSectionJson
{
    public static void Write(Utf8JsonWriter writer, SpliceInfoSection section)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(section);
        writer.WriteStartObject();
        writer.WriteString("command", section.CommandName);
        writer.WriteNumber("ptsAdjustment", section.PtsAdjustment);
        writer.WriteBoolean("encrypted", section.EncryptedPacket);
        if (section.SplicePts is { } splicePts)
        {
            writer.WriteNumber("splicePts", splicePts);
        }

        switch (section.Command)
        {
            case SpliceInsert insert:
                writer.WriteNumber("eventId", insert.EventId);
                writer.WriteBoolean("cancel", insert.EventCancel);
                writer.WriteBoolean("outOfNetwork", insert.OutOfNetwork);
                writer.WriteBoolean("immediate", insert.SpliceImmediate);
                if (insert.BreakDuration is { } duration)
                {
                    writer.WriteNumber("duration", Math.Round(duration.Seconds, 6));
                    writer.WriteBoolean("autoReturn", duration.AutoReturn);
                }

                writer.WriteNumber("uniqueProgramId", insert.UniqueProgramId);
                writer.WriteNumber("availNum", insert.AvailNum);
                writer.WriteNumber("availsExpected", insert.AvailsExpected);
                break;
            case PrivateCommand privateCommand:
                writer.WriteNumber("identifier", privateCommand.Identifier);
                break;
        }

        writer.WriteStartArray("segmentations");
        foreach (var segmentation in section.SegmentationDescriptors)
        {
            writer.WriteStartObject();
            writer.WriteNumber("eventId", segmentation.EventId);
            writer.WriteBoolean("cancel", segmentation.EventCancel);
            writer.WriteNumber("typeId", segmentation.SegmentationTypeId);
            writer.WriteString("type", segmentation.SegmentationTypeName);
            if (segmentation.DurationSeconds is { } seconds)
            {
                writer.WriteNumber("duration", Math.Round(seconds, 6));
            }

            if (segmentation.Upid is { } upid)
            {
                writer.WriteString("upidType", upid.TypeName);
                writer.WriteString("upid", upid.Text ?? upid.Hex);
            }

            writer.WriteNumber("segmentNum", segmentation.SegmentNum);
            writer.WriteNumber("segmentsExpected", segmentation.SegmentsExpected);
            if (segmentation.SubSegmentNum is { } subNum)
            {
                writer.WriteNumber("subSegmentNum", subNum);
                writer.WriteNumber("subSegmentsExpected", segmentation.SubSegmentsExpected ?? 0);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
