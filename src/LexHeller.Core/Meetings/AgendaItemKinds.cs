namespace LexHeller.Core.Meetings;

public static class AgendaItemKinds
{
    /// <summary>The kind of an agenda item as the kansli and the members read it.</summary>
    public static string DisplayName(this AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.Case => "Ärende",
        AgendaItemKind.Information => "Information",
        AgendaItemKind.Question => "Övrig fråga",
        AgendaItemKind.SystemicProblem => "Systemfel",
    };

    /// <summary>Why an item left the agenda, as the agenda page lists it.</summary>
    public static string DisplayName(this AgendaRemoval removal) => removal switch
    {
        AgendaRemoval.Removed => "Togs bort före utskicket",
        AgendaRemoval.Withdrawn => "Drogs tillbaka efter utskicket",
        AgendaRemoval.SettledBeforeMeeting => "Avgjort före mötet",
    };
}
