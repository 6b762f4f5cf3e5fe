namespace LexHeller.Core.Systemic;

/// <summary>The words for a systemfel's status and escalation, and which status may follow which.</summary>
public static class SystemicStatuses
{
    /// <summary>
    /// The statuses a systemfel may move to from <paramref name="from"/>: forward along the lifecycle, from follow-up
    /// back to a new measure when the first did not help, and from an end back to analysis when the problem returns.
    /// </summary>
    public static IReadOnlyList<SystemicStatus> Next(SystemicStatus from) => from switch
    {
        SystemicStatus.Identifierat => [SystemicStatus.Analyseras],
        SystemicStatus.Analyseras => [SystemicStatus.AtgardPagar, SystemicStatus.KvarstarSomKantHinder],
        SystemicStatus.AtgardPagar => [SystemicStatus.Uppfoljning],
        SystemicStatus.Uppfoljning => [SystemicStatus.Lost, SystemicStatus.KvarstarSomKantHinder, SystemicStatus.AtgardPagar],
        SystemicStatus.Lost => [SystemicStatus.Analyseras],
        SystemicStatus.KvarstarSomKantHinder => [SystemicStatus.Analyseras],
    };

    public static string DisplayName(this SystemicStatus status) => status switch
    {
        SystemicStatus.Identifierat => "Identifierat",
        SystemicStatus.Analyseras => "Analyseras",
        SystemicStatus.AtgardPagar => "Åtgärd pågår",
        SystemicStatus.Uppfoljning => "Uppföljning",
        SystemicStatus.Lost => "Löst",
        SystemicStatus.KvarstarSomKantHinder => "Kvarstår som känt hinder",
    };

    public static string DisplayName(this EscalationLevel level) => level switch
    {
        EscalationLevel.Forbundet => "Förbundet",
        EscalationLevel.Styrelsen => "Styrelsen",
        EscalationLevel.Forbundsgemensamt => "Förbundsgemensamt",
        EscalationLevel.Nationellt => "Nationellt",
    };

    /// <summary>How a step reads in the history, after the name of who took it.</summary>
    public static string DisplayName(this SystemicEventKind kind) => kind switch
    {
        SystemicEventKind.Identified => "identifierade systemfelet",
        SystemicEventKind.Described => "ändrade beskrivningen",
        SystemicEventKind.StatusChanged => "ändrade status",
        SystemicEventKind.Escalated => "eskalerade",
        SystemicEventKind.CaseLinked => "kopplade ett ärende",
        SystemicEventKind.CaseUnlinked => "tog bort kopplingen till ett ärende",
        SystemicEventKind.MeasureRecorded => "lade till en åtgärd",
        SystemicEventKind.MeasureFollowedUp => "följde upp en åtgärd",
        SystemicEventKind.OnAgenda => "satte systemfelet på BUG:s dagordning",
    };
}
