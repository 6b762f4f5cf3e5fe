using LexHeller.Core.Meetings;
using LexHeller.Core.Systemic;

namespace LexHeller.Core.Tests.Systemic;

/// <summary>Statuses, levels, effects and history steps are stored by name: renaming one would orphan rows.</summary>
public class SystemicNamesTests
{
    [Fact]
    public void Stored_names_are_frozen()
    {
        Assert.Equal(["Identifierat", "Analyseras", "AtgardPagar", "Uppfoljning", "Lost", "KvarstarSomKantHinder"], Enum.GetNames<SystemicStatus>());
        Assert.Equal(["Forbundet", "Styrelsen", "Forbundsgemensamt", "Nationellt"], Enum.GetNames<EscalationLevel>());
        Assert.Equal(["Ja", "Delvis", "Nej", "ForTidigtAttSaga"], Enum.GetNames<MeasureEffect>());
        Assert.Equal(["Identified", "Described", "StatusChanged", "Escalated", "CaseLinked", "CaseUnlinked", "MeasureRecorded", "MeasureFollowedUp", "OnAgenda"],
            Enum.GetNames<SystemicEventKind>());
        Assert.Equal(["Case", "Information", "Question", "SystemicProblem"], Enum.GetNames<AgendaItemKind>());
    }

    /// <summary>The lifecycle of the issue: forward one step at a time, with the two ends and the way back written out.</summary>
    [Fact]
    public void The_lifecycle_is_the_written_table()
    {
        var expected = new Dictionary<SystemicStatus, SystemicStatus[]>
        {
            [SystemicStatus.Identifierat] = [SystemicStatus.Analyseras],
            [SystemicStatus.Analyseras] = [SystemicStatus.AtgardPagar, SystemicStatus.KvarstarSomKantHinder],
            [SystemicStatus.AtgardPagar] = [SystemicStatus.Uppfoljning],
            [SystemicStatus.Uppfoljning] = [SystemicStatus.Lost, SystemicStatus.KvarstarSomKantHinder, SystemicStatus.AtgardPagar],
            [SystemicStatus.Lost] = [SystemicStatus.Analyseras],
            [SystemicStatus.KvarstarSomKantHinder] = [SystemicStatus.Analyseras],
        };
        foreach (var status in Enum.GetValues<SystemicStatus>())
            Assert.Equal(expected[status], SystemicStatuses.Next(status));
        Assert.Equal(["Identifierat", "Analyseras", "Åtgärd pågår", "Uppföljning", "Löst", "Kvarstår som känt hinder"],
            Enum.GetValues<SystemicStatus>().Select(s => s.DisplayName()));
    }

    [Fact]
    public void Similar_cases_search_for_the_longest_uncommon_words_of_the_case()
    {
        var words = SimilarCases.SignificantWords(["Försäkringskassan krävde ett läkarintyg, och personen väntade. Inte till 2026!", null, "Sjukpenningen uteblev."]);
        Assert.Equal(["försäkringskassan", "sjukpenningen", "läkarintyg", "uteblev", "väntade", "krävde"], words);
    }
}
