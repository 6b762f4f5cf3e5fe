namespace LexHeller.Core.Cases;

/// <summary>What a trigger asks of the user; the case page has one form part per kind.</summary>
public enum TriggerInputKind
{
    /// <summary>Just the button.</summary>
    None,
    /// <summary>A question to the reporter.</summary>
    Question,
    /// <summary>The reporter's answer to the kansli's question.</summary>
    ReporterAnswer,
    /// <summary>A note on why (kept in the timeline).</summary>
    Note,
    /// <summary>A reason (kept in the timeline).</summary>
    Reason,
    /// <summary>A reason and where the reporter can turn instead.</summary>
    Rejection,
    /// <summary>The parties to refer to and the due date of their answers.</summary>
    Referral,
    /// <summary>Outcome, summary, answer and whether to publish.</summary>
    Conclusion,
    /// <summary>A tick that confirms a step that cannot be undone.</summary>
    Confirm,
    /// <summary>Fired from a page of its own (the report form, the party's answer), not from the case page.</summary>
    OwnPage,
}

/// <summary>Who is told by mail when a trigger fires.</summary>
public enum CaseAudience { Kansli, Reporter, Handler, ReferredBugMembers }

/// <summary>A mail to <paramref name="To"/> when the trigger fires: its headline and what the reader should do.</summary>
public sealed record CaseNotice(CaseAudience To, string Headline, Func<Case, string> WhatToDo);

/// <summary>What a trigger does beyond moving the case: checks its input, fires the workflow, applies its effect.</summary>
public delegate FireResult TriggerEffect(Case c, CaseActorContext who, TriggerInput input, TriggerContext context, DateTimeOffset now);

/// <summary>
/// One row of the trigger table.
/// </summary>
/// <param name="Button">The button, in the imperative ("Ta ärendet").</param>
/// <param name="Done">What the user is told after it fired, in plain past tense ("Ärendet togs.").</param>
/// <param name="Input">What the form asks for.</param>
/// <param name="Timeline">How the case's history names the step.</param>
/// <param name="Decision">When the trigger is a decision of the BUG meeting: how the minutes word it. The agenda
/// records such a trigger as the meeting's decision on the case.</param>
/// <param name="Notice">The mail the step sends, if any.</param>
/// <param name="Effect">The intent method; without one the trigger just fires, with the note or reason as its comment.</param>
/// <param name="Danger">The button is styled as one that cannot be undone.</param>
public sealed record TriggerSpec(string Button, string Done, TriggerInputKind Input, string Timeline, string? Decision,
    CaseNotice? Notice = null, TriggerEffect? Effect = null, bool Danger = false)
{
    public bool IsBugDecision => Decision is not null;
}

/// <summary>
/// What each trigger needs, beside the route in <see cref="CaseWorkflow"/>. The switch names every trigger, so a new
/// trigger does not build until it has its row here.
/// </summary>
public static class CaseTriggers
{
    public static TriggerSpec Spec(this CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Submit => new("Skicka in", "Rapporten skickades in.", TriggerInputKind.OwnPage, "Skicka in", null,
            new(CaseAudience.Kansli, "Ett nytt ärende har kommit in", _ => "Ärendet väntar på att kansliet tar det och granskar det.")),
        CaseTrigger.Withdraw => new("Återkalla", "Rapporten återkallades.", TriggerInputKind.Confirm, "Återkalla", null,
            Effect: (c, who, _, _, now) => CaseActions.Withdraw(c, who, now), Danger: true),
        CaseTrigger.Take => new("Ta ärendet", "Ärendet togs.", TriggerInputKind.None, "Ta ärendet", null,
            Effect: (c, who, _, _, now) => CaseActions.Take(c, who, now)),
        CaseTrigger.AskReporter => new("Begär komplettering", "Frågan skickades till rapportören.", TriggerInputKind.Question, "Begär komplettering", null,
            new(CaseAudience.Reporter, "Kansliet har en fråga om din rapport", _ => "Svara på frågan på ärendets sida."),
            (c, who, i, _, now) => CaseActions.AskReporter(c, who, i.Question, now)),
        CaseTrigger.ReporterAnswers => new("Svara", "Svaret skickades till kansliet.", TriggerInputKind.ReporterAnswer, "Svara", null,
            new(CaseAudience.Handler, "Rapportören har svarat på kansliets fråga", _ => "Ärendet är tillbaka i granskning."),
            (c, who, i, _, now) => CaseActions.ReporterAnswers(c, who, i.ReporterAnswer, now)),
        CaseTrigger.ResumeScreening => new("Återuppta granskning", "Granskningen återupptogs.", TriggerInputKind.Note, "Återuppta granskning", null,
            Effect: (c, who, i, _, now) => CaseActions.ResumeScreening(c, who, i.Note, now)),
        CaseTrigger.Reject => new("Avvisa", "Ärendet avvisades.", TriggerInputKind.Rejection, "Avvisa", null,
            new(CaseAudience.Reporter, "Ditt ärende har avvisats", _ => "På ärendets sida står varför och vart du kan vända dig i stället."),
            (c, who, i, _, now) => CaseActions.Reject(c, who, i.Reason, i.WhereToTurn, now), Danger: true),
        CaseTrigger.MarkReady => new("Redo för BUG", "Ärendet blev redo för BUG.", TriggerInputKind.None, "Redo för BUG", null,
            Effect: (c, who, _, _, now) => CaseActions.MarkReady(c, who, now)),
        CaseTrigger.StartReview => new("Behandla i BUG", "Ärendet togs upp i BUG.", TriggerInputKind.None, "Behandla i BUG", null,
            Effect: (c, who, _, _, now) => CaseActions.StartReview(c, who, now)),
        CaseTrigger.Postpone => new("Skjut upp", "Ärendet sköts upp.", TriggerInputKind.Reason, "Skjut upp", "Skjuts upp till nästa möte",
            Effect: (c, who, i, _, now) => CaseActions.Postpone(c, who, i.Reason, now)),
        CaseTrigger.Refer => new("Remittera till part", "Ärendet remitterades till parterna.", TriggerInputKind.Referral, "Remittera till part", "Remitteras till part",
            new(CaseAudience.ReferredBugMembers, "Ett ärende har remitterats till din organisation",
                c => $"Skriv organisationens svar senast {c.CurrentReferrals.Min(r => r.DueDate):yyyy-MM-dd} under Att besvara."),
            (c, who, i, context, now) => i.ReferTo.Any(o => !context.Partners.Contains(o))
                ? new FireResult(false, "Välj bland förbundets parter.", nameof(TriggerInput.ReferTo))
                : CaseActions.Refer(c, who, i.ReferTo.Distinct().ToList(), i.DueDate, context.Today, context.WithActiveBugMember, now)),
        CaseTrigger.PartyAnswers => new("Lämna partssvar", "Partssvaret lämnades.", TriggerInputKind.OwnPage, "Lämna partssvar", null),
        CaseTrigger.CloseReferral => new("Avsluta remiss", "Remissen avslutades.", TriggerInputKind.Note, "Avsluta remiss", null,
            Effect: (c, who, i, _, now) => CaseActions.CloseReferral(c, who, i.Note, now)),
        CaseTrigger.BackToBug => new("Till BUG igen", "Ärendet gick tillbaka till BUG.", TriggerInputKind.None, "Till BUG igen", null,
            Effect: (c, who, _, _, now) => CaseActions.BackToBug(c, who, now)),
        CaseTrigger.Conclude => new("Avsluta", "Ärendet avslutades.", TriggerInputKind.Conclusion, "Avsluta", "Avslutas",
            new(CaseAudience.Reporter, "Ditt ärende är avslutat", _ => "Svaret finns på ärendets sida."),
            (c, who, i, _, now) => CaseActions.Conclude(c, who, i.Outcome, i.Summary, i.Answer, i.Publish, now)),
        CaseTrigger.Reopen => new("Återöppna", "Ärendet öppnades igen.", TriggerInputKind.Reason, "Återöppna", null,
            Effect: (c, who, i, _, now) => CaseActions.Reopen(c, who, i.Reason, now)),
    };

    /// <summary>The button's text.</summary>
    public static string ActionName(this CaseTrigger trigger) => trigger.Spec().Button;
}

/// <summary>
/// What the user wrote in a trigger's form; each trigger reads the fields of its <see cref="TriggerInputKind"/>.
/// Field errors name these properties.
/// </summary>
public sealed record TriggerInput
{
    public string? Question { get; init; }
    public string? ReporterAnswer { get; init; }
    public string? Note { get; init; }
    public string? Reason { get; init; }
    public string? WhereToTurn { get; init; }
    public IReadOnlyList<int> ReferTo { get; init; } = [];
    public DateOnly? DueDate { get; init; }
    public CaseOutcome? Outcome { get; init; }
    public string? Summary { get; init; }
    public string? Answer { get; init; }
    public bool Publish { get; init; } = true;
    public bool ConfirmWithdraw { get; init; }

    /// <summary>Every text the user wrote, by field: each passes the personal-data guard.</summary>
    public IEnumerable<(string Field, string? Text)> Texts() =>
    [
        (nameof(Question), Question), (nameof(ReporterAnswer), ReporterAnswer), (nameof(Note), Note), (nameof(Reason), Reason),
        (nameof(WhereToTurn), WhereToTurn), (nameof(Summary), Summary), (nameof(Answer), Answer),
    ];
}

/// <summary>What a trigger may check its input against: today's date and the förbund's partners.</summary>
/// <param name="Partners">The förbund's member organisations.</param>
/// <param name="WithActiveBugMember">Those of them that have an active BUG member.</param>
public sealed record TriggerContext(DateOnly Today, IReadOnlyCollection<int> Partners, IReadOnlyCollection<int> WithActiveBugMember);
