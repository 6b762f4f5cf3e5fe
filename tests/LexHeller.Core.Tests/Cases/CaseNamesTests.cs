using LexHeller.Core.Cases;

namespace LexHeller.Core.Tests.Cases;

/// <summary>States, triggers and statistics categories are stored by name: a rename would orphan rows.</summary>
public class CaseNamesTests
{
    [Fact]
    public void State_names_are_frozen() => Assert.Equal(
        ["Utkast", "Inkommen", "UnderGranskning", "KompletteringBegard", "RedoForBug", "BehandlasIBug", "RemitteradTillPart", "Besvarad", "Avslutad", "Avvisad", "Aterkallad"],
        Enum.GetNames<CaseState>());

    [Fact]
    public void Trigger_names_are_frozen() => Assert.Equal(
        ["Submit", "Withdraw", "Take", "AskReporter", "ReporterAnswers", "ResumeScreening", "Reject", "MarkReady", "StartReview", "Postpone", "Refer", "PartyAnswers", "CloseReferral", "BackToBug", "Conclude", "Reopen"],
        Enum.GetNames<CaseTrigger>());

    [Fact]
    public void Names_of_stored_edits_that_are_no_triggers_are_frozen() => Assert.Equal(
        ["Corrected", "Redacted", "Reassigned", "Published", "Unpublished", "ResponseSaved", "PublicationRequested", "PublicationApproved"],
        Enum.GetNames<CaseEdit>());

    [Fact]
    public void No_edit_is_named_like_a_trigger() =>
        Assert.Empty(Enum.GetNames<CaseEdit>().Intersect(Enum.GetNames<CaseTrigger>()));

    [Fact]
    public void Kind_and_statistics_names_are_frozen()
    {
        Assert.Equal(["Avvikelse", "Overlamning"], Enum.GetNames<CaseKind>());
        Assert.Equal(["Kvinna", "Man", "Annat", "VillEjAnge"], Enum.GetNames<Gender>());
        Assert.Equal(["Age16To19", "Age20To29", "Age30To39", "Age40To49", "Age50To59", "Age60To66", "Okand"], Enum.GetNames<AgeBand>());
    }

    [Fact]
    public void The_age_bands_read_as_the_form_shows_them() =>
        Assert.Equal(["16–19", "20–29", "30–39", "40–49", "50–59", "60–66", "Okänd"], Enum.GetValues<AgeBand>().Select(a => a.DisplayName()));

    [Fact]
    public void References_carry_forbund_year_and_a_four_digit_sequence() =>
        Assert.Equal("LH-INS-2026-0042", Case.FormatReference("INS", 2026, 42));
}
