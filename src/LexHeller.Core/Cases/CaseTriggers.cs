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
/// <param name="Button">The choice and its button, in the imperative ("Ta ärendet").</param>
/// <param name="Done">What the user is told after it fired: in the second person, past tense, and who was told
/// ("Du har tagit ärendet. Rapportören får inget meddelande.").</param>
/// <param name="Input">What the form asks for.</param>
/// <param name="Timeline">How the case's history tells the step after the name of who did it ("tog ärendet").</param>
/// <param name="Decision">When the trigger is a decision of the BUG meeting: how the minutes word it. The agenda
/// records such a trigger as the meeting's decision on the case.</param>
/// <param name="Notice">The mail the step sends, if any.</param>
/// <param name="Effect">The intent method; without one the trigger just fires, with the note or reason as its comment.</param>
/// <param name="Danger">The button is styled as one that cannot be undone.</param>
/// <param name="WhatHappens">What the step does to the case, said on its form before the user acts.</param>
/// <param name="Confirmation">For a step that cannot be undone: what the confirmation page says will happen. The
/// step is taken only once the user has seen it.</param>
public sealed record TriggerSpec(string Button, string Done, TriggerInputKind Input, string Timeline, string? Decision,
    CaseNotice? Notice = null, TriggerEffect? Effect = null, bool Danger = false, string WhatHappens = "", string? Confirmation = null)
{
    public bool IsBugDecision => Decision is not null;

    /// <summary>Who is told, from the notice: "Rapportören får ett mejl: ”Ditt ärende har avvisats”." or "Ingen får något meddelande."</summary>
    public string WhoIsTold => Notice is { } n
        ? $"{n.To.Reader()} får ett mejl: ”{n.Headline}”."
        : "Ingen får något meddelande.";
}

/// <summary>
/// What each trigger needs, beside the route in <see cref="CaseWorkflow"/>. The switch names every trigger, so a new
/// trigger does not build until it has its row here.
/// </summary>
public static class CaseTriggers
{
    public static TriggerSpec Spec(this CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Submit => new("Skicka in", "Du har skickat in rapporten. Kansliet får ett mejl om det.", TriggerInputKind.OwnPage,
            "skickade in rapporten", null,
            new(CaseAudience.Kansli, "Ett nytt ärende har kommit in", _ => "Ärendet väntar på att kansliet tar det och granskar det."),
            WhatHappens: "Rapporten skickas till kansliet och får ett referensnummer."),
        CaseTrigger.Withdraw => new("Återkalla", "Du har återkallat rapporten. Ingen får något meddelande.", TriggerInputKind.Confirm,
            "återkallade rapporten", null,
            Effect: (c, who, _, _, now) => CaseActions.Withdraw(c, who, now), Danger: true,
            WhatHappens: "Rapporten dras tillbaka och handläggs inte. Det går inte att ångra."),
        CaseTrigger.Take => new("Ta ärendet", "Du har tagit ärendet. Rapportören får inget meddelande.", TriggerInputKind.None,
            "tog ärendet", null,
            Effect: (c, who, _, _, now) => CaseActions.Take(c, who, now),
            WhatHappens: "Du blir handläggare och ärendet får status Under granskning. Du kan sedan begära komplettering, avvisa det eller markera det som redo för BUG."),
        CaseTrigger.AskReporter => new("Begär komplettering", "Du har skickat frågan. Rapportören får ett mejl om att svara på ärendets sida.", TriggerInputKind.Question,
            "begärde komplettering av rapportören", null,
            new(CaseAudience.Reporter, "Kansliet har en fråga om din rapport", _ => "Svara på frågan på ärendets sida."),
            (c, who, i, _, now) => CaseActions.AskReporter(c, who, i.Question, now),
            WhatHappens: "Frågan visas för rapportören på ärendets sida och ärendet väntar på svaret. Du kan återuppta granskningen utan svar."),
        CaseTrigger.ReporterAnswers => new("Svara", "Du har svarat kansliet. Handläggaren får ett mejl om det.", TriggerInputKind.ReporterAnswer,
            "svarade på kansliets fråga", null,
            new(CaseAudience.Handler, "Rapportören har svarat på kansliets fråga", _ => "Ärendet är tillbaka i granskning."),
            (c, who, i, _, now) => CaseActions.ReporterAnswers(c, who, i.ReporterAnswer, now),
            WhatHappens: "Ditt svar sparas i ärendet och kansliet fortsätter granska det."),
        CaseTrigger.ResumeScreening => new("Återuppta granskning", "Du har återupptagit granskningen. Rapportören får inget meddelande.", TriggerInputKind.Note,
            "återupptog granskningen", null,
            Effect: (c, who, i, _, now) => CaseActions.ResumeScreening(c, who, i.Note, now),
            WhatHappens: "Ärendet går tillbaka till granskning utan rapportörens svar. Anteckningen sparas i ärendets historik."),
        CaseTrigger.Reject => new("Avvisa", "Du har avvisat ärendet. Rapportören får ett mejl om att skälet finns på ärendets sida.", TriggerInputKind.Rejection,
            "avvisade ärendet", null,
            new(CaseAudience.Reporter, "Ditt ärende har avvisats", _ => "På ärendets sida står varför och vart du kan vända dig i stället."),
            (c, who, i, _, now) => CaseActions.Reject(c, who, i.Reason, i.WhereToTurn, now), Danger: true,
            WhatHappens: "Ärendet avslutas utan att gå till BUG. Rapportören ser skälet och vart hen kan vända sig i stället.",
            Confirmation: "Ärendet avvisas och rapportören får genast ett mejl om det; mejlet går inte att ta tillbaka. Rapportören ser skälet och vart hen kan vända sig på ärendets sida."),
        CaseTrigger.MarkReady => new("Redo för BUG", "Du har markerat ärendet som redo för BUG. Ingen får något meddelande.", TriggerInputKind.None,
            "markerade ärendet som redo för BUG", null,
            Effect: (c, who, _, _, now) => CaseActions.MarkReady(c, who, now),
            WhatHappens: "Granskningen är klar och ärendet förs upp på dagordningen för BUG:s nästa möte."),
        CaseTrigger.StartReview => new("Behandla i BUG", "Du har tagit upp ärendet i BUG. Ingen får något meddelande.", TriggerInputKind.None,
            "tog upp ärendet i BUG", null,
            Effect: (c, who, _, _, now) => CaseActions.StartReview(c, who, now),
            WhatHappens: "Ärendet behandlas nu i BUG, som kan remittera det till parterna, skjuta upp det eller avsluta det."),
        CaseTrigger.Postpone => new("Skjut upp", "Du har skjutit upp ärendet till nästa möte. Ingen får något meddelande.", TriggerInputKind.Reason,
            "sköt upp ärendet till nästa möte", "Skjuts upp till nästa möte",
            Effect: (c, who, i, _, now) => CaseActions.Postpone(c, who, i.Reason, now),
            WhatHappens: "Ärendet blir redo för BUG igen och förs upp på nästa mötes dagordning. Skälet sparas i ärendets historik."),
        CaseTrigger.Refer => new("Remittera till part", "Du har remitterat ärendet. Parternas BUG-ledamöter får ett mejl om att skriva svaret.", TriggerInputKind.Referral,
            "remitterade ärendet till parterna", "Remitteras till part",
            new(CaseAudience.ReferredBugMembers, "Ett ärende har remitterats till din organisation",
                c => $"Skriv organisationens svar senast {c.CurrentReferrals.Min(r => r.DueDate):yyyy-MM-dd} under Att besvara."),
            (c, who, i, context, now) => i.ReferTo.Any(o => !context.Partners.Contains(o))
                ? new FireResult(false, "Välj bland förbundets parter.", nameof(TriggerInput.ReferTo))
                : CaseActions.Refer(c, who, i.ReferTo.Distinct().ToList(), i.DueDate, context.Today, context.WithActiveBugMember, now),
            WhatHappens: "De valda parterna ska svara senast det datum du anger. Ärendet väntar tills alla har svarat eller remissen avslutas."),
        CaseTrigger.PartyAnswers => new("Lämna partssvar", "Du har skickat partens svar.", TriggerInputKind.OwnPage,
            "lämnade partens svar", null,
            WhatHappens: "Svaret skickas och går inte att ändra."),
        CaseTrigger.CloseReferral => new("Avsluta remiss", "Du har avslutat remissen. Ingen får något meddelande.", TriggerInputKind.Note,
            "avslutade remissen", null,
            Effect: (c, who, i, _, now) => CaseActions.CloseReferral(c, who, i.Note, now),
            WhatHappens: "Parter som inte har svarat står som ”Avslutad utan svar” och ärendet går vidare med de svar som finns."),
        CaseTrigger.BackToBug => new("Till BUG igen", "Du har skickat ärendet tillbaka till BUG. Ingen får något meddelande.", TriggerInputKind.None,
            "skickade ärendet tillbaka till BUG", null,
            Effect: (c, who, _, _, now) => CaseActions.BackToBug(c, who, now),
            WhatHappens: "Ärendet blir redo för BUG igen och förs upp på nästa mötes dagordning tillsammans med parternas svar."),
        CaseTrigger.Conclude => new("Avsluta", "Du har avslutat ärendet. Rapportören får ett mejl om att svaret finns på ärendets sida.", TriggerInputKind.Conclusion,
            "avslutade ärendet", "Avslutas",
            new(CaseAudience.Reporter, "Ditt ärende är avslutat", _ => "Svaret finns på ärendets sida."),
            (c, who, i, _, now) => CaseActions.Conclude(c, who, i.Outcome, i.Summary, i.Answer, i.Publish, now),
            WhatHappens: "Ärendet avslutas med utfall, sammanfattning och svar, som rapportören ser på ärendets sida. Svaret publiceras bara om du kryssar i det."),
        CaseTrigger.Reopen => new("Återöppna", "Du har öppnat ärendet igen. Ingen får något meddelande.", TriggerInputKind.Reason,
            "öppnade ärendet igen", null,
            Effect: (c, who, i, _, now) => CaseActions.Reopen(c, who, i.Reason, now),
            WhatHappens: "Ärendet går tillbaka till granskning hos kansliet. Ett publicerat svar tas bort från förbundets publicerade svar. Skälet sparas i ärendets historik."),
    };

    /// <summary>The button's text.</summary>
    public static string ActionName(this CaseTrigger trigger) => trigger.Spec().Button;

    /// <summary>Who reads a notice, as the subject of a sentence.</summary>
    public static string Reader(this CaseAudience audience) => audience switch
    {
        CaseAudience.Kansli => "Kansliet",
        CaseAudience.Reporter => "Rapportören",
        CaseAudience.Handler => "Handläggaren",
        CaseAudience.ReferredBugMembers => "BUG-ledamöterna för de parter ärendet remitteras till",
    };
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
    /// <summary>Publishing is a deliberate choice, never a default.</summary>
    public bool Publish { get; init; }
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
