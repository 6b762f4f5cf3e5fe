using LexHeller.Core.AccessLog;

namespace LexHeller.Core.Tests.AccessLog;

/// <summary>Kinds of read and loggkontroll rules are stored by name: renaming one would orphan rows.</summary>
public class AccessLogNamesTests
{
    [Fact]
    public void Access_kind_names_are_frozen() =>
        Assert.Equal(["CasePage", "CasePdf", "Export", "Search", "Minutes", "MinutesPdf"], Enum.GetNames<AccessKind>());

    [Fact]
    public void Review_rule_names_are_frozen() =>
        Assert.Equal(["ManyCases", "OutsideOfficeHours", "OtherPartysCase"], Enum.GetNames<AccessRule>());

    [Theory]
    [InlineData("2026-06-01 06:59", true)]
    [InlineData("2026-06-01 07:00", false)]
    [InlineData("2026-06-01 17:59", false)]
    [InlineData("2026-06-01 18:00", true)]
    [InlineData("2026-06-06 12:00", true)]
    [InlineData("2026-06-07 12:00", true)]
    public void Office_hours_by_default_are_weekdays_seven_to_eighteen(string local, bool outside) =>
        Assert.Equal(outside, AccessReviewSettings.Defaults(1).IsOutsideOfficeHours(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-06-08T04:00:00Z", "2026-06-01")]
    [InlineData("2026-06-07T21:59:00Z", "2026-05-25")]
    [InlineData("2026-06-07T22:00:00Z", "2026-06-01")]
    public void The_review_looks_at_the_last_full_Stockholm_week(string now, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture),
            AccessLogReview.PreviousWeek(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
