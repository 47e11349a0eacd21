using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Monitoring;
using static Glance.Tests.Monitoring.Segments;

namespace Glance.Tests.Monitoring;

public sealed class ScheduleCsvTests
{
    /// <summary>The AWS broadcast-monitoring sample's column set (written here, not copied): DynamoDB-typed headers, offsets in seconds.</summary>
    public const string AwsColumns = """
        "Stream_ID (S)","Start_Time (N)","End_Time (N)","Event_ID (S)","Event_Title (S)","Event_Type (S)","Station_Logo (S)","Sports_Type (S)","languageCode (S)","Team_Info (S)"
        "ch1","0","60","N1","Morning bulletin","News","GTV News",,"en",
        "ch1","60","3600","M1","Porto vs Santos","Sports","GTV Sports","soccer","pt","POR V SAN"
        """;

    public const string OurColumns = """
        id,title,type,start,end,stationLogo,sport,teams,language,captions,disabledChecks
        news,Evening news,news,2026-12-06T20:00:00Z,2026-12-06T20:01:00Z,GTV News,,,en,true,loudness
        match,Porto v Santos,sport,2026-12-06T20:01:00Z,2026-12-06T21:00:00Z,GTV Sports,soccer,Porto;Santos,pt,false,
        """;

    [Fact]
    public void The_aws_sample_columns_map_offsets_onto_the_event_start()
    {
        var programs = ScheduleRules.Validate(ScheduleCsv.Parse(AwsColumns, EventStart));

        programs.Should().HaveCount(2);
        programs[0].Should().BeEquivalentTo(new { Id = "N1", Title = "Morning bulletin", Type = "news", StationLogo = "GTV News", Sport = (string?)null, Language = "en", Start = EventStart, End = EventStart.AddSeconds(60) });
        programs[1].Type.Should().Be("sport");
        programs[1].Teams.Should().Equal("POR", "SAN");
        programs[1].End.Should().Be(EventStart.AddHours(1));
    }

    [Fact]
    public void Our_columns_carry_absolute_times_teams_captions_and_switches()
    {
        var programs = ScheduleRules.Validate(ScheduleCsv.Parse(OurColumns, EventStart.AddDays(-3)));

        programs[0].Captions.Should().BeTrue();
        programs[0].Checks!.Disabled.Should().Equal(MonitoringCheck.Loudness);
        programs[1].Teams.Should().Equal("Porto", "Santos");
        programs[1].Start.Should().Be(EventStart.AddMinutes(1), "absolute times ignore the event start");
    }

    [Theory]
    [InlineData("", "csv")]
    [InlineData("title,start\nA,2026-12-06T20:00:00Z", "csv")] // no end
    [InlineData("title,start,end,colour\nA,2026-12-06T20:00:00Z,2026-12-06T21:00:00Z,red", "csv")] // unknown column
    [InlineData("title,start,end\nA,2026-12-06T20:00:00Z", "csv")] // a row short of a column
    [InlineData("title,start,end\nA,yesterday,2026-12-06T21:00:00Z", "line 2")]
    [InlineData("Event_Title,Start_Time,End_Time\nA,-5,10", "line 2")]
    [InlineData("title,start,end,disabledChecks\nA,2026-12-06T20:00:00Z,2026-12-06T21:00:00Z,colour", "line 2")]
    [InlineData("title,start,end\n\"A,2026-12-06T20:00:00Z,2026-12-06T21:00:00Z", "csv")] // unclosed quote
    public void Bad_csv_is_a_validation_error_saying_where(string csv, string key)
    {
        var act = () => ScheduleCsv.Parse(csv, EventStart);

        act.Should().Throw<ValidationFailedException>().Which.Errors.Should().ContainKey(key);
    }

    [Fact]
    public void Sizes_are_bounded()
    {
        var rows = string.Concat(Enumerable.Range(0, MonitoringLimits.MaxPrograms + 1).Select(i => $"\nP{i},{i},{i + 1}"));
        var tooLong = $"Event_Title,Start_Time,End_Time\n{new string('x', MonitoringLimits.MaxTextLength + 1)},0,1";

        FluentActions.Invoking(() => ScheduleCsv.Parse("Event_Title,Start_Time,End_Time" + rows, EventStart)).Should().Throw<ValidationFailedException>();
        FluentActions.Invoking(() => ScheduleCsv.Parse(tooLong, EventStart)).Should().Throw<ValidationFailedException>().Which.Errors.Should().ContainKey("line 2");
        FluentActions.Invoking(() => ScheduleCsv.Parse(new string(' ', MonitoringLimits.MaxCsvBytes + 1), EventStart)).Should().Throw<ValidationFailedException>();
    }
}
