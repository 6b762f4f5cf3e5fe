using LexHeller.Core.Cases;

namespace LexHeller.Core.Meetings;

/// <summary>The decisions a meeting makes on its items, and how the meeting and agenda pages name them.</summary>
public static class AgendaDecisions
{
    /// <summary>The decisions the meeting can make on a case, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<CaseTrigger> CaseDecisions = [CaseTrigger.Conclude, CaseTrigger.Refer, CaseTrigger.Postpone];

    /// <summary>A decision trigger by its name only (Enum.TryParse would also take "99").</summary>
    public static bool TryCaseDecision(string? decision, out CaseTrigger trigger)
    {
        var named = CaseDecisions.Where(t => t.ToString() == decision).ToList();
        trigger = named.FirstOrDefault();
        return named.Count == 1;
    }

    /// <summary>How the meeting page names an item's decision or how it left the agenda, from the trigger stored by name.</summary>
    public static string Outcome(string? trigger)
    {
        if (trigger == AgendaItem.Noted) return "Noteras";
        return Enum.TryParse<CaseTrigger>(trigger, out var t) && Enum.IsDefined(t) ? t.Spec().Done : "Inget beslut ännu";
    }

    /// <summary>A decision or an outcome (a trigger's name) in words, as the agenda page lists it; null when none.</summary>
    public static string? TriggerName(string? trigger) =>
        trigger == AgendaItem.Noted ? "Noteras"
        : Enum.TryParse<CaseTrigger>(trigger, out var t) && Enum.IsDefined(t) ? t.ActionName() : null;
}
