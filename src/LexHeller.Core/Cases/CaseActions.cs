namespace LexHeller.Core.Cases;

/// <summary>Who acts on a case: the user, the capacities in which they may act on it, and the organisations they represent.</summary>
public sealed record CaseActorContext(string UserId, IReadOnlyCollection<CaseActor> Actors, IReadOnlyCollection<int> Organisations);

/// <summary>
/// The intent behind each button: checks what the trigger requires (a question, a reason, parties ...), fires the
/// workflow and applies the effect. A refusal changes nothing and says why in Swedish.
/// </summary>
public static class CaseActions
{
    public const int NoteMax = 2000;
    public const int AnswerMax = 4000;

    private static FireResult Refuse(string why, string? field = null) => new(false, why, field);

    private static FireResult Fire(Case c, CaseTrigger trigger, CaseActorContext who, DateTimeOffset now, string? comment = null) =>
        CaseWorkflow.Fire(c, trigger, who.Actors, who.UserId, now, comment);

    /// <summary>
    /// A trigger without an intent method of its own: requires the text its form asks for and fires with it as the
    /// comment in the case's history.
    /// </summary>
    public static TriggerEffect Plain(CaseTrigger trigger) => (c, who, input, _, now) =>
    {
        var kind = trigger.Spec().Input;
        var (text, missing, field) = kind switch
        {
            TriggerInputKind.Note => (input.Note, "Skriv en anteckning.", nameof(TriggerInput.Note)),
            TriggerInputKind.Reason or TriggerInputKind.Rejection => (input.Reason, "Skriv ett skäl.", nameof(TriggerInput.Reason)),
            TriggerInputKind.Question => (input.Question, "Skriv frågan till rapportören.", nameof(TriggerInput.Question)),
            TriggerInputKind.ReporterAnswer => (input.ReporterAnswer, "Skriv ditt svar.", nameof(TriggerInput.ReporterAnswer)),
            TriggerInputKind.Conclusion => (input.Summary, "Skriv en sammanfattning.", nameof(TriggerInput.Summary)),
            TriggerInputKind.None or TriggerInputKind.Referral or TriggerInputKind.Confirm or TriggerInputKind.OwnPage => (null, null, null),
        };
        if (missing is not null && string.IsNullOrWhiteSpace(text)) return Refuse(missing, field);
        return Fire(c, trigger, who, now, text?.Trim());
    };

    /// <summary>Whether the trigger may be fired now, before its requirements are checked.</summary>
    public static FireResult CanFire(Case c, CaseTrigger trigger, CaseActorContext who) =>
        CaseWorkflow.Permitted(c, who.Actors).Contains(trigger) ? FireResult.Ok : CaseWorkflow.Explain(c, trigger);

    public static FireResult Withdraw(Case c, CaseActorContext who, DateTimeOffset now) => Fire(c, CaseTrigger.Withdraw, who, now);

    public static FireResult Take(Case c, CaseActorContext who, DateTimeOffset now)
    {
        var r = Fire(c, CaseTrigger.Take, who, now);
        if (r.Fired) c.SetHandler(who.UserId);
        return r;
    }

    public static FireResult AskReporter(Case c, CaseActorContext who, string? question, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(question)) return Refuse("Skriv frågan till rapportören.", nameof(TriggerInput.Question));
        var r = Fire(c, CaseTrigger.AskReporter, who, now);
        if (r.Fired) c.AddQuestion(who.UserId, question.Trim(), now);
        return r;
    }

    public static FireResult ReporterAnswers(Case c, CaseActorContext who, string? answer, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(answer)) return Refuse("Skriv ditt svar.", nameof(TriggerInput.ReporterAnswer));
        var question = c.OpenQuestion;
        var r = Fire(c, CaseTrigger.ReporterAnswers, who, now);
        if (r.Fired) question?.Reply(answer.Trim(), now);
        return r;
    }

    public static FireResult ResumeScreening(Case c, CaseActorContext who, string? note, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(note) ? Refuse("Skriv en anteckning om varför granskningen återupptas.", nameof(TriggerInput.Note)) : Fire(c, CaseTrigger.ResumeScreening, who, now, note.Trim());

    public static FireResult Reject(Case c, CaseActorContext who, string? reason, string? whereToTurn, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Refuse("Skriv varför ärendet avvisas.", nameof(TriggerInput.Reason));
        if (string.IsNullOrWhiteSpace(whereToTurn)) return Refuse("Skriv vart rapportören kan vända sig i stället.", nameof(TriggerInput.WhereToTurn));
        var r = Fire(c, CaseTrigger.Reject, who, now, reason.Trim());
        if (r.Fired) c.SetRejection(reason.Trim(), whereToTurn.Trim());
        return r;
    }

    public static FireResult MarkReady(Case c, CaseActorContext who, DateTimeOffset now)
    {
        if (c.CategoryId is null) return Refuse("Ärendet behöver en kategori innan det kan gå till BUG.");
        if (c.Parties.Count == 0) return Refuse("Ärendet behöver minst en berörd part innan det kan gå till BUG.");
        return Fire(c, CaseTrigger.MarkReady, who, now);
    }

    public static FireResult StartReview(Case c, CaseActorContext who, DateTimeOffset now, string? comment = null) =>
        Fire(c, CaseTrigger.StartReview, who, now, comment);

    public static FireResult Postpone(Case c, CaseActorContext who, string? reason, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(reason) ? Refuse("Skriv varför ärendet skjuts upp.", nameof(TriggerInput.Reason)) : Fire(c, CaseTrigger.Postpone, who, now, reason.Trim());

    /// <param name="withActiveBugMember">Organisations of the förbund that have an active BUG member.</param>
    public static FireResult Refer(Case c, CaseActorContext who, IReadOnlyCollection<int> organisationIds, DateOnly? due, DateOnly today,
        IReadOnlyCollection<int> withActiveBugMember, DateTimeOffset now)
    {
        if (organisationIds.Count == 0) return Refuse("Välj minst en part att remittera till.", nameof(TriggerInput.ReferTo));
        var without = organisationIds.Where(o => !withActiveBugMember.Contains(o)).ToList();
        if (without.Count > 0) return Refuse("En vald part har ingen aktiv BUG-ledamot som kan svara. Välj en annan part eller be kansliet lägga till en ledamot.", nameof(TriggerInput.ReferTo));
        if (due is null) return Refuse("Ange när svaren senast ska lämnas.", nameof(TriggerInput.DueDate));
        if (due <= today) return Refuse("Svarsdatumet måste ligga efter i dag.", nameof(TriggerInput.DueDate));
        var r = Fire(c, CaseTrigger.Refer, who, now, $"Svar senast {due:yyyy-MM-dd}");
        if (r.Fired) c.Refer(organisationIds, due.Value, now);
        return r;
    }

    /// <summary>Saves a party's response without submitting it; any of the party's BUG members may edit it.</summary>
    public static FireResult SavePartyResponse(Case c, CaseActorContext who, int organisationId, string? text, DateTimeOffset now)
    {
        var referral = PendingReferral(c, who, organisationId, out var refusal);
        if (referral is null) return refusal!;
        referral.SaveDraft(text?.Trim() ?? "", who.UserId, now);
        c.Record(new CaseEvent(now, who.UserId, CaseActor.BugMember.ToString(), CaseEdit.ResponseSaved.ToString(), c.State, c.State, null));
        c.Touch(now);
        return FireResult.Ok;
    }

    public static FireResult SubmitPartyResponse(Case c, CaseActorContext who, int organisationId, string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refuse("Skriv organisationens svar.");
        var referral = PendingReferral(c, who, organisationId, out var refusal);
        if (referral is null) return refusal!;
        // The answer counts before the trigger fires: the last one moves the case on to Besvarad.
        referral.Submit(text.Trim(), who.UserId, now);
        var r = Fire(c, CaseTrigger.PartyAnswers, who, now);
        if (!r.Fired) throw new InvalidOperationException($"PartyAnswers was permitted a moment ago but refused now: {r.Refusal}");
        return r;
    }

    private static CaseReferral? PendingReferral(Case c, CaseActorContext who, int organisationId, out FireResult? refusal)
    {
        refusal = null;
        var canAnswer = CanFire(c, CaseTrigger.PartyAnswers, who);
        if (!canAnswer.Fired) { refusal = canAnswer; return null; }
        if (!who.Organisations.Contains(organisationId))
        {
            refusal = Refuse("Du företräder inte den organisationen.");
            return null;
        }
        var referral = c.CurrentReferrals.FirstOrDefault(r => r.OrganisationId == organisationId);
        if (referral is null) { refusal = Refuse("Ärendet är inte remitterat till din organisation."); return null; }
        if (referral.Status != ReferralStatus.Pending) { refusal = Refuse("Organisationens svar är redan inskickat."); return null; }
        return referral;
    }

    public static FireResult CloseReferral(Case c, CaseActorContext who, string? note, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(note)) return Refuse("Skriv en anteckning om varför remissen avslutas.", nameof(TriggerInput.Note));
        var pending = c.CurrentReferrals.Where(r => r.Status == ReferralStatus.Pending).ToList();
        var r = Fire(c, CaseTrigger.CloseReferral, who, now, note.Trim());
        if (r.Fired) pending.ForEach(p => p.CloseUnanswered());
        return r;
    }

    public static FireResult BackToBug(Case c, CaseActorContext who, DateTimeOffset now) => Fire(c, CaseTrigger.BackToBug, who, now);

    public static FireResult Conclude(Case c, CaseActorContext who, CaseOutcome? outcome, string? summary, string? answer, bool publish, DateTimeOffset now)
    {
        if (outcome is null) return Refuse("Välj ett utfall.", nameof(TriggerInput.Outcome));
        if (string.IsNullOrWhiteSpace(summary)) return Refuse("Skriv en sammanfattning.", nameof(TriggerInput.Summary));
        if (string.IsNullOrWhiteSpace(answer)) return Refuse("Skriv svaret.", nameof(TriggerInput.Answer));
        var r = Fire(c, CaseTrigger.Conclude, who, now, outcome.Value.DisplayName());
        if (r.Fired)
        {
            c.SetConclusion(outcome, summary.Trim(), answer.Trim(), now);
            // The parties that answered approve the text first; the caller asks them (PublicationSignOff).
            c.SetPublished(publish && c.AnsweringPartyIds.Count == 0, now);
        }
        return r;
    }

    /// <summary>
    /// Publishes or withdraws the answer of a concluded case. Whether the parties have approved is checked by the
    /// caller (PublicationSignOff), which gives <paramref name="withoutApprovalReason"/> when some have not. The
    /// caller records it in the audit trail.
    /// </summary>
    public static FireResult SetPublication(Case c, CaseActorContext who, bool publish, DateTimeOffset now, string? withoutApprovalReason = null)
    {
        if (!who.Actors.Contains(CaseActor.Kansli)) return Refuse("Bara kansliet kan ändra publiceringen.");
        if (c.State != CaseState.Avslutad) return Refuse("Bara avslutade ärenden kan publiceras.");
        if (c.IsPublished == publish) return Refuse(publish ? "Svaret är redan publicerat." : "Svaret är inte publicerat.");
        c.SetPublished(publish, now, withoutApprovalReason);
        c.Record(new CaseEvent(now, who.UserId, CaseActor.Kansli.ToString(), (publish ? CaseEdit.Published : CaseEdit.Unpublished).ToString(), c.State, c.State,
            withoutApprovalReason is null ? null : $"utan alla parters godkännande: {withoutApprovalReason}"));
        c.Touch(now);
        return FireResult.Ok;
    }

    public static FireResult Reopen(Case c, CaseActorContext who, string? reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Refuse("Skriv varför ärendet öppnas igen.", nameof(TriggerInput.Reason));
        var r = Fire(c, CaseTrigger.Reopen, who, now, reason.Trim());
        if (r.Fired) c.SetPublished(false, now);
        return r;
    }

    /// <summary>Kansli corrections during screening.</summary>
    public static FireResult Correct(Case c, CaseActorContext who, int? categoryId, IReadOnlyList<PartyRef> parties, DateTimeOffset now)
    {
        if (!who.Actors.Contains(CaseActor.Kansli)) return Refuse("Bara kansliet kan rätta ärendet.");
        if (c.State is not (CaseState.UnderGranskning or CaseState.KompletteringBegard)) return Refuse("Ärendet kan bara rättas under granskningen.");
        var before = c.State;
        c.Correct(categoryId, parties);
        c.Record(new CaseEvent(now, who.UserId, CaseActor.Kansli.ToString(), CaseEdit.Corrected.ToString(), before, before, null));
        c.Touch(now);
        return FireResult.Ok;
    }

    /// <summary>
    /// Strikes a passage wherever it occurs in the case and its history (<paramref name="history"/>, loaded for
    /// writing). The event records how many places were struck, never the text.
    /// </summary>
    public static FireResult Redact(Case c, CaseActorContext who, string? passage, IEnumerable<CaseEvent> history, DateTimeOffset now)
    {
        if (!who.Actors.Contains(CaseActor.Kansli)) return Refuse("Bara kansliet kan stryka text.");
        if (c.IsDraft) return Refuse("Ett utkast kan inte strykas i.");
        if (string.IsNullOrWhiteSpace(passage)) return Refuse(RedactionMissing, RedactionField);
        var count = c.Redact(passage, history);
        if (count == 0) return Refuse(RedactionNotFound, RedactionField);
        c.Record(new CaseEvent(now, who.UserId, CaseActor.Kansli.ToString(), CaseEdit.Redacted.ToString(), c.State, c.State, RedactionComment(count)));
        c.Touch(now);
        return FireResult.Ok;
    }

    /// <summary>The input a redaction's refusals name.</summary>
    public const string RedactionField = "RedactPassage";
    public const string RedactionMissing = "Skriv texten som ska strykas.";
    public const string RedactionNotFound = "Texten finns inte i ärendet.";

    /// <summary>"Text ströks på 1 ställe".</summary>
    public static string RedactionComment(int places) => $"Text ströks på {Time.Swedish.Count(places, "ställe", "ställen")}";

    public static FireResult Reassign(Case c, CaseActorContext who, string handlerUserId, DateTimeOffset now)
    {
        if (!who.Actors.Contains(CaseActor.Kansli)) return Refuse("Bara kansliet kan fördela ärenden.");
        c.SetHandler(handlerUserId);
        c.Record(new CaseEvent(now, who.UserId, CaseActor.Kansli.ToString(), CaseEdit.Reassigned.ToString(), c.State, c.State, null));
        c.Touch(now);
        return FireResult.Ok;
    }
}
