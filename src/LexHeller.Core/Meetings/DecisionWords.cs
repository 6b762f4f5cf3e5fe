using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Meetings;

/// <summary>
/// A meeting's decision on an agenda item in words, as the minutes print it. The words are written when the decision
/// is made and kept on the item, so the minutes say what was decided then, whatever happens to the case later.
/// </summary>
public static class DecisionWords
{
    public static string Concluded(CaseOutcome outcome, string summary, string answer, bool published) =>
        $"BUG beslutar att avsluta ärendet med utfallet ”{outcome.DisplayName()}”.\n" +
        $"Sammanfattning: {summary}\n" +
        $"Svar: {answer}\n" +
        (published ? "Svaret publiceras för förbundets användare." : "Svaret publiceras inte.");

    public static string Referred(IEnumerable<string> parties, DateOnly due) =>
        $"BUG beslutar att remittera ärendet till {Enumerate(parties)} med svar senast {due:yyyy-MM-dd}.";

    public static string Postponed(string? reason) =>
        "BUG beslutar att skjuta upp ärendet till nästa möte." + (string.IsNullOrWhiteSpace(reason) ? "" : $"\nSkäl: {reason.Trim()}");

    /// <summary>A free item the meeting took note of, with the kansli's note if any.</summary>
    public static string Noted(AgendaItemKind kind, string? note)
    {
        var noted = kind switch
        {
            AgendaItemKind.Information => "Informationen noterades.",
            AgendaItemKind.Question => "Frågan noterades.",
            AgendaItemKind.Case => "Ärendet noterades.",
            AgendaItemKind.SystemicProblem => "Systemfelet noterades.",
        };
        return string.IsNullOrWhiteSpace(note) ? noted : $"{noted}\n{note.Trim()}";
    }

    /// <summary>
    /// The words of a decision trigger just fired on <paramref name="c"/>: read from what the workflow stored on the
    /// case (the conclusion, the current referrals, the reason in the event it appended).
    /// </summary>
    public static async Task<string> ForAsync(LexHellerDb db, Case c, CaseTrigger trigger, CancellationToken ct = default)
    {
        var referrals = trigger == CaseTrigger.Refer ? c.CurrentReferrals.ToList() : [];
        var ids = referrals.Select(r => r.OrganisationId).ToList();
        var parties = ids.Count == 0 ? [] : await db.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Name).ToListAsync(ct);
        return trigger switch
        {
            CaseTrigger.Conclude => Concluded(c.Outcome ?? throw new InvalidOperationException("A concluded case has an outcome."),
                c.Summary ?? "", c.Answer ?? "", c.IsPublished),
            CaseTrigger.Refer => Referred(parties.Order(Stockholm.Comparer), referrals.Min(r => r.DueDate)),
            CaseTrigger.Postpone => Postponed(c.Events.LastOrDefault(e => e.Action == nameof(CaseTrigger.Postpone))?.Comment),
            CaseTrigger.Submit or CaseTrigger.Withdraw or CaseTrigger.Take or CaseTrigger.AskReporter or CaseTrigger.ReporterAnswers
                or CaseTrigger.ResumeScreening or CaseTrigger.Reject or CaseTrigger.MarkReady or CaseTrigger.StartReview
                or CaseTrigger.PartyAnswers or CaseTrigger.CloseReferral or CaseTrigger.BackToBug or CaseTrigger.Reopen
                => trigger.Spec().Decision ?? trigger.ActionName(),
        };
    }

    /// <summary>"A", "A och B", "A, B och C".</summary>
    private static string Enumerate(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} och {list[^1]}";
    }
}
