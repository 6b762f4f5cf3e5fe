using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using LexHeller.Core.Systemic;

namespace LexHeller.Core.Cases;

public enum CommandStatus { Done, Refused, Conflict, NotFound }

/// <summary>A problem with one field of the form; <paramref name="Field"/> names the input's property.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What a command did, for the page to show: done (with the message for the user), refused (why, and the fields at
/// fault), a conflict with someone else's change, or a case the user may not see.
/// </summary>
public sealed record CommandResult(CommandStatus Status, string? Message = null, IReadOnlyList<FieldError>? Errors = null)
{
    public const string Changed = "Ärendet har ändrats av någon annan. Här är det som det ser ut nu – gör om det du tänkt om det fortfarande behövs.";

    public static readonly CommandResult NotFound = new(CommandStatus.NotFound);
    public static readonly CommandResult Conflict = new(CommandStatus.Conflict, Changed);

    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];

    /// <summary>False when the command found nothing to change: nothing is written.</summary>
    internal bool Writes { get; init; } = true;

    public static CommandResult Done(string message) => new(CommandStatus.Done, message);
    public static CommandResult Refused(string? why, params FieldError[] fields) => new(CommandStatus.Refused, why, fields);
    public static CommandResult From(FireResult r, string done) => r.Fired ? Done(done) : Refused(r.Refusal);
}

/// <summary>What filing a report did.</summary>
public enum FilingStatus { Saved, Submitted, AlreadySubmitted, Refused, NotFound }

public sealed record FilingResult(FilingStatus Status, int? CaseId = null, string? Reference = null, string? Refusal = null)
{
    /// <summary>What the reporter is told after being sent on to the case; null when the form is shown again.</summary>
    public string? Message => Status switch
    {
        FilingStatus.AlreadySubmitted => $"Rapporten är redan inskickad med referens {Reference}.",
        FilingStatus.Submitted => $"Tack! Rapporten är inskickad och har fått referensnumret {Reference}. Kansliet granskar den.",
        FilingStatus.Saved => "Utkastet är sparat. Du hittar det under Mina ärenden.",
        FilingStatus.NotFound or FilingStatus.Refused => null,
    };
}

/// <param name="DraftId">The reporter's own draft being edited; null for a new report.</param>
/// <param name="FormKey">Identifies the form a new report came from, so a resent form finds its case.</param>
/// <param name="Kind">The kind chosen for a new report; a draft keeps its own.</param>
public sealed record Filing(string ReporterUserId, int ForbundId, string ForbundCode, int ReporterOrganisationId, int? DraftId, Guid FormKey, CaseKind? Kind, bool Submit);

/// <summary>
/// Every change to a case, one method per user action. Each loads the case, checks the user may act and that the
/// case is the version they saw, changes it through its intent methods and the workflow, and writes the event,
/// the audit entry, the agenda bookkeeping, the search clean-up and the mails (outbox rows, added by the
/// notification interceptor on save) in one transaction, committed once: a fault at any step leaves nothing
/// half-done. Writes wait at the <see cref="WriteGate"/> first.
/// </summary>
public sealed class CaseCommands(LexHellerDb db, TimeProvider clock, WriteGate gate, Agendas agendas, IOptions<PublicUrlOptions> publicUrl)
{
    /// <summary>Fires a trigger from the case page with what its form asked for.</summary>
    public Task<CommandResult> FireAsync(CaseUser user, int caseId, int? version, CaseTrigger trigger, TriggerInput input, CancellationToken ct = default) =>
        FireAsync(user, caseId, version, trigger, input, commit: true, ct);

    /// <summary>
    /// Everything <see cref="FireAsync(CaseUser, int, int?, CaseTrigger, TriggerInput, CancellationToken)"/> would do,
    /// rolled back: whether the step goes through as the form is filled in. A confirmation page is shown only for a
    /// step that will succeed, and says nothing has changed yet.
    /// </summary>
    public Task<CommandResult> CheckFireAsync(CaseUser user, int caseId, int? version, CaseTrigger trigger, TriggerInput input, CancellationToken ct = default) =>
        FireAsync(user, caseId, version, trigger, input, commit: false, ct);

    private Task<CommandResult> FireAsync(CaseUser user, int caseId, int? version, CaseTrigger trigger, TriggerInput input, bool commit, CancellationToken ct)
    {
        var before = CaseState.Utkast;
        return ChangeAsync(user, caseId, version, c =>
        {
            before = c.State;
            return ApplyAsync(user, c, trigger, input, byField: true, ct);
        }, async c =>
        {
            // What the BUG decided is kept on the meeting's agenda, and a case settled before its meeting leaves it.
            if ((trigger.Spec().IsBugDecision || before is CaseState.RedoForBug or CaseState.BehandlasIBug)
                && await agendas.RecordDecisionAsync(c, trigger, ct) is { } refusal)
                return CommandResult.Refused(refusal);
            // A case that is ready again goes on the next agenda.
            if (c.State == CaseState.RedoForBug) await agendas.PlaceReadyCasesAsync(c.ForbundId, ct);
            return null;
        }, ct, commit);
    }

    /// <summary>
    /// A decision at the meeting, from the meeting page: fires the decision trigger (conclude, refer, postpone) on the
    /// case of the agenda item and records it, in words, as the meeting's decision on that item, in one transaction.
    /// Refusals about what the user wrote name the field. A second decision on the item is refused.
    /// </summary>
    public async Task<CommandResult> DecideAtMeetingAsync(CaseUser user, int meetingId, int itemId, CaseTrigger trigger, TriggerInput input,
        CancellationToken ct = default)
    {
        if (!trigger.Spec().IsBugDecision) return CommandResult.Refused("Välj ett av mötets beslut: avsluta, remittera till part eller skjut upp.");
        var caseId = await db.AgendaItems.Where(i => i.Id == itemId && i.MeetingId == meetingId).Select(i => i.CaseId).FirstOrDefaultAsync(ct);
        if (caseId is null) return CommandResult.NotFound;
        Meeting? meeting = null;
        return await ChangeAsync(user, caseId.Value, null, async c =>
        {
            // Read inside the gate and the transaction: a decision made a moment ago by someone else is seen here.
            meeting = await db.Meetings.AsTracking().Include(m => m.Items).SingleAsync(m => m.Id == meetingId, ct);
            if (!user.ActorFor(c).Actors.Contains(CaseActor.Kansli)) return CommandResult.NotFound;
            if (meeting.CannotDecide(meeting.Items.Single(i => i.Id == itemId), clock.GetUtcNow()) is { } closed) return CommandResult.Refused(closed);
            var result = await ApplyAsync(user, c, trigger, input, byField: true, ct);
            return result.Status == CommandStatus.Done ? CommandResult.Done($"Beslutet om {c.Reference} registrerades. {trigger.Spec().Done}") : result;
        }, async c =>
        {
            if (await agendas.DecideAsync(meeting!, meeting!.Items.Single(i => i.Id == itemId), c, trigger, ct) is { } refusal)
                return trigger == CaseTrigger.Conclude
                    ? CommandResult.Refused(null, new FieldError(nameof(TriggerInput.Answer), refusal))
                    : CommandResult.Refused(refusal);
            // A postponed case goes on the next meeting's agenda.
            if (c.State == CaseState.RedoForBug) await agendas.PlaceReadyCasesAsync(c.ForbundId, ct);
            return null;
        }, ct);
    }

    /// <summary>
    /// Checks what the trigger's form asked for and fires the trigger on the loaded case; the caller saves. With
    /// <paramref name="byField"/> a refusal about the input names the field instead of standing on its own.
    /// </summary>
    private async Task<CommandResult> ApplyAsync(CaseUser user, Case c, CaseTrigger trigger, TriggerInput input, bool byField, CancellationToken ct)
    {
        var spec = trigger.Spec();
        if (Guard(input.Texts()) is { } hit) return hit;
        var who = user.ActorFor(c);
        if (spec.Input == TriggerInputKind.Confirm && !input.ConfirmWithdraw)
            return CommandResult.Refused("Inget är ändrat.",
                new FieldError(nameof(TriggerInput.ConfirmWithdraw), $"Kryssa i rutan för att bekräfta ”{spec.Button}”."));
        if (spec.Input == TriggerInputKind.OwnPage)
            return CommandResult.Refused(CaseWorkflow.Permitted(c, who.Actors).Contains(trigger)
                ? $"”{spec.Button}” görs på en annan sida." : CaseWorkflow.Explain(c, trigger).Refusal);

        var context = await ContextAsync(c, spec.Input, ct);
        var effect = spec.Effect ?? CaseActions.Plain(trigger);
        var wasPublished = c.IsPublished;
        var now = clock.GetUtcNow();
        var r = effect(c, who, input, context, now);
        if (!r.Fired && byField && r.Field is { } field) return CommandResult.Refused(null, new FieldError(field, r.Refusal ?? ""));
        // Concluding with publication, or reopening a published case, changes what the förbund's users may read:
        // the change log says so as it does for the publish and unpublish buttons.
        if (r.Fired && c.IsPublished != wasPublished)
            db.AuditEntries.Add(new AuditEntry(now, user.UserId, c.ForbundId, c.IsPublished ? AuditActions.CasePublished : AuditActions.CaseUnpublished, Subject(c), null, null));
        // Concluding with publication a case that parties answered asks them to approve the text first.
        if (r.Fired && trigger == CaseTrigger.Conclude && input.Publish && !c.IsPublished)
            return CommandResult.Done($"{spec.Done} {await PublicationSignOff.RequestAsync(db, c, user.UserId, publicUrl.Value, now, ct)}");
        // A reopened case gets a new text when it is concluded again: what the parties approved no longer holds.
        if (r.Fired && trigger == CaseTrigger.Reopen)
            db.PublicationApprovals.RemoveRange(await db.PublicationApprovals.AsTracking().Where(a => a.CaseId == c.Id).ToListAsync(ct));
        return CommandResult.From(r, spec.Done);
    }

    /// <summary>The kansli's correction of category and parties during screening; other actors named in free text stay.</summary>
    public Task<CommandResult> CorrectAsync(CaseUser user, int caseId, int? version, int? categoryId, IReadOnlyList<int> partyIds, CancellationToken ct = default) =>
        ChangeAsync(user, caseId, version, async c =>
        {
            var (partners, categories) = await CasePageQuery.OptionsAsync(db, c.ForbundId, c.CategoryId, withCategories: true, ct);
            var allowed = partners.Select(p => p.Id).ToHashSet();
            if (categoryId is { } cat && categories.All(k => k.Id != cat))
                return CommandResult.Refused(null, new FieldError("CategoryId", "Välj en kategori ur listan."));
            if (partyIds.Any(p => !allowed.Contains(p)))
                return CommandResult.Refused(null, new FieldError("PartyIds", "Välj bland förbundets parter."));
            var others = c.Parties.Where(p => p.OrganisationId is null || !allowed.Contains(p.OrganisationId.Value))
                .Select(p => new PartyRef(p.OrganisationId, p.OtherActorName));
            var parties = partyIds.Distinct().Select(p => new PartyRef(p, null)).Concat(others).ToList();
            return CommandResult.From(CaseActions.Correct(c, user.ActorFor(c), categoryId, parties, clock.GetUtcNow()), "Du har rättat kategori och parter. Ingen får något meddelande.");
        }, null, ct);

    /// <summary>
    /// Every place of the case a passage would be struck, for the kansli to see before striking: nothing is written.
    /// No passage, or one that occurs nowhere, is refused on the passage's field.
    /// </summary>
    public async Task<(CommandResult Result, RedactionPreview? Preview)> PreviewRedactionAsync(CaseUser user, int caseId, string? passage,
        CancellationToken ct = default)
    {
        var c = await db.Cases.AsNoTracking()
            .Include(x => x.Parties).Include(x => x.RuleConflicts).Include(x => x.Questions).Include(x => x.Referrals)
            .AsSingleQuery()
            .FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !user.CanView(c)) return (CommandResult.NotFound, null);
        if (!user.ActorFor(c).Actors.Contains(CaseActor.Kansli)) return (CommandResult.Refused("Bara kansliet kan stryka text."), null);
        if (c.IsDraft) return (CommandResult.Refused("Ett utkast kan inte strykas i."), null);
        if (string.IsNullOrWhiteSpace(passage))
            return (CommandResult.Refused(null, new FieldError(CaseActions.RedactionField, CaseActions.RedactionMissing)), null);
        var history = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).ToListAsync(ct);
        var preview = CaseRedaction.Preview(c, history, passage);
        return preview.Places.Count == 0
            ? (CommandResult.Refused(null, new FieldError(CaseActions.RedactionField, CaseActions.RedactionNotFound)), null)
            : (CommandResult.Done(preview.Extent), preview);
    }

    /// <summary>
    /// Strikes a passage wherever it occurs in the case and its history. The search index drops the old text in the
    /// same transaction; after the commit the WAL is checkpointed into the database file (whose freed pages are
    /// zeroed), which cannot happen inside a transaction.
    /// </summary>
    public async Task<CommandResult> RedactAsync(CaseUser user, int caseId, int? version, string? passage, CancellationToken ct = default)
    {
        var result = await ChangeAsync(user, caseId, version, async c =>
        {
            var now = clock.GetUtcNow();
            var history = await db.CaseEvents.AsTracking().Where(e => e.CaseId == caseId).ToListAsync(ct);
            var r = CaseActions.Redact(c, user.ActorFor(c), passage, history, now);
            if (!r.Fired)
                return r.Field is { } field ? CommandResult.Refused(null, new FieldError(field, r.Refusal ?? "")) : CommandResult.Refused(r.Refusal);
            var struck = c.Events.Last().Comment;
            db.AuditEntries.Add(new AuditEntry(now, user.UserId, c.ForbundId, AuditActions.CaseRedacted, Subject(c), null, struck));
            return CommandResult.Done($"Du har strukit texten. {struck}. Ingen får något meddelande.");
        }, async _ =>
        {
            await CaseSearch.OptimizeAsync(db, ct);
            return null;
        }, ct);
        if (result.Status == CommandStatus.Done) await CaseSearch.CheckpointAsync(db, ct);
        return result;
    }

    /// <summary>
    /// Publishes or withdraws the answer of a concluded case. Publishing a case that parties answered first asks them
    /// to approve the text (<see cref="PublicationSignOff"/>); once asked, it is published when all have approved, or
    /// after the due date with <paramref name="reason"/>.
    /// </summary>
    public Task<CommandResult> SetPublicationAsync(CaseUser user, int caseId, int? version, bool publish, CancellationToken ct = default,
        string? reason = null) =>
        ChangeAsync(user, caseId, version, async c =>
        {
            var now = clock.GetUtcNow();
            string? withoutApproval = null;
            if (publish && user.ActorFor(c).Actors.Contains(CaseActor.Kansli) && c.State == CaseState.Avslutad && !c.IsPublished
                && c.AnsweringPartyIds.Count > 0)
            {
                var state = await PublicationSignOff.LoadAsync(db, c.Id, Stockholm.Today(now), ct);
                if (!state.Asked(c.AnsweringPartyIds))
                    return CommandResult.Done(await PublicationSignOff.RequestAsync(db, c, user.UserId, publicUrl.Value, now, ct));
                if (PublicationSignOff.CheckPublish(state, reason) is { } refused) return refused;
                if (!state.AllApproved)
                {
                    if (reason!.Trim().Length > PublicationSignOff.ReasonMax)
                        return CommandResult.Refused(null, new FieldError(PublicationSignOff.ReasonField, $"Högst {PublicationSignOff.ReasonMax} tecken."));
                    if (Guard([(PublicationSignOff.ReasonField, reason)]) is { } hit) return hit;
                    withoutApproval = reason.Trim();
                }
            }
            var r = CaseActions.SetPublication(c, user.ActorFor(c), publish, now, withoutApproval);
            if (r.Fired)
                db.AuditEntries.Add(new AuditEntry(now, user.UserId, c.ForbundId, publish ? AuditActions.CasePublished : AuditActions.CaseUnpublished, Subject(c), null,
                    withoutApproval is null ? null : $"Utan alla parters godkännande: {withoutApproval}"));
            return CommandResult.From(r, publish
                ? "Du har publicerat svaret. Förbundets användare kan nu läsa det under Publicerade svar."
                : "Du har återkallat publiceringen. Svaret syns inte längre för förbundets användare.");
        }, null, ct);

    /// <summary>
    /// A BUG member approves the text of a concluded case for a party they answer for. Approving for a party one does
    /// not answer for, or where no approval is asked, is refused. When the last party approves, the case's handler
    /// (or the kansli) is told that the answer can be published.
    /// </summary>
    public Task<CommandResult> ApprovePublicationAsync(CaseUser user, int caseId, int organisationId, CancellationToken ct = default) =>
        ChangeAsync(user, caseId, null, async c =>
        {
            var who = user.ActorFor(c);
            if (!who.Actors.Contains(CaseActor.BugMember)) return CommandResult.Refused("Bara BUG-ledamöter godkänner texten för sin part.");
            var approvals = await db.PublicationApprovals.AsTracking().Where(a => a.CaseId == c.Id).ToListAsync(ct);
            var approval = approvals.FirstOrDefault(a => a.OrganisationId == organisationId);
            if (approval is null || c.State != CaseState.Avslutad || c.IsPublished)
                return CommandResult.Refused("Ingen part ombeds godkänna texten i det här ärendet just nu.");
            var party = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
            if (!who.Organisations.Contains(organisationId))
                return CommandResult.Refused($"Du företräder inte {party} och kan inte godkänna texten för den parten.");
            if (approval.IsApproved) return CommandResult.Refused($"Texten är redan godkänd för {party}.");
            var now = clock.GetUtcNow();
            approval.Approve(user.UserId, now);
            c.Record(new CaseEvent(now, user.UserId, CaseActor.BugMember.ToString(), CaseEdit.PublicationApproved.ToString(), c.State, c.State, party));
            c.Touch(now);
            db.AuditEntries.Add(new AuditEntry(now, user.UserId, c.ForbundId, AuditActions.PublicationApproved, Subject(c), null, party));
            if (approvals.All(a => a.IsApproved))
            {
                var (forbund, kansli) = await Recipients.ForbundKansliAsync(db, c.ForbundId, ct);
                var to = c.HandlerUserId is { } handler ? await Recipients.UserAsync(db, handler, ct) : kansli;
                foreach (var r in to.Count > 0 ? to : kansli)
                    db.Outbox.Add(new ApprovedMail(r.Email ?? "", forbund, c.Reference ?? "", publicUrl.Value.Absolute($"/arenden/{c.Id}#publicering"))
                        .ToOutbox(now, r.UserId, c.ForbundId));
            }
            return CommandResult.Done($"Du har godkänt texten för {party}.");
        }, null, ct);

    /// <summary>Gives a submitted case of the förbund to another active member of its kansli.</summary>
    public async Task<CommandResult> ReassignAsync(CaseUser user, int forbundId, string forbundName, int caseId, string? newHandler, CancellationToken ct = default)
    {
        string? reference = null;
        var result = await ChangeAsync(user, caseId, null, async c =>
        {
            reference = c.Reference;
            if (c.ForbundId != forbundId || c.IsDraft) return CommandResult.NotFound;
            if (string.IsNullOrEmpty(newHandler)) return CommandResult.Refused($"Välj vem i kansliet som ska handlägga ärende {c.Reference}.");
            var handler = await db.Memberships
                .Where(m => m.UserId == newHandler && m.ForbundId == forbundId && m.Role == MembershipRole.Kansli && m.IsActive)
                .Select(m => new { m.UserId, m.User.FullName })
                .FirstOrDefaultAsync(ct);
            if (handler is null)
                return CommandResult.Refused($"Ärende {c.Reference} kan bara fördelas till någon som är aktiv i kansliet för {forbundName}.");
            // Nothing to change: said as done, and nothing is written.
            if (c.HandlerUserId == handler.UserId) return CommandResult.Done($"{handler.FullName} handlägger redan ärende {c.Reference}.") with { Writes = false };
            return CommandResult.From(CaseActions.Reassign(c, user.ActorFor(c), handler.UserId, clock.GetUtcNow()), $"Ärende {c.Reference} handläggs nu av {handler.FullName}.");
        }, null, ct);
        return result.Status == CommandStatus.Conflict
            ? new CommandResult(CommandStatus.Conflict, $"Ärende {reference} har ändrats av någon annan. Se efter vem som handlägger det nu och försök igen.")
            : result;
    }

    /// <summary>The most cases one reassignment may name: a page of the inbox and then some.</summary>
    public const int ReassignManyMax = 200;

    /// <summary>
    /// Gives the selected cases of the förbund to one active member of its kansli, all or none: each case must still
    /// be at the version the user saw, or nothing changes and the message names the cases that changed meanwhile.
    /// Each case gets its own timeline event; one transaction, committed once.
    /// </summary>
    /// <param name="cases">The selected cases, each with the version it was shown at.</param>
    public async Task<CommandResult> ReassignManyAsync(CaseUser user, int forbundId, string forbundName, IReadOnlyCollection<(int CaseId, int Version)> cases,
        string? newHandler, CancellationToken ct = default)
    {
        var selected = cases.DistinctBy(x => x.CaseId).ToList();
        if (selected.Count == 0) return CommandResult.Refused(null, new FieldError(ReassignCasesField, "Välj minst ett ärende att fördela."));
        if (selected.Count > ReassignManyMax)
            return CommandResult.Refused(null, new FieldError(ReassignCasesField, $"Du kan fördela högst {ReassignManyMax} ärenden åt gången."));
        if (string.IsNullOrEmpty(newHandler)) return CommandResult.Refused(null, new FieldError(ReassignHandlerField, "Välj vem i kansliet som ska handlägga ärendena."));

        using var _ = await gate.EnterAsync(ct);
        await using var tx = await BeginAsync(ct);
        try
        {
            var handler = await db.Memberships
                .Where(m => m.UserId == newHandler && m.ForbundId == forbundId && m.Role == MembershipRole.Kansli && m.IsActive)
                .Select(m => new { m.UserId, m.User.FullName })
                .FirstOrDefaultAsync(ct);
            if (handler is null)
                return CommandResult.Refused(null, new FieldError(ReassignHandlerField, $"Ärenden kan bara fördelas till någon som är aktiv i kansliet för {forbundName}."));

            var ids = selected.Select(x => x.CaseId).ToList();
            var loaded = await db.Cases.AsTracking().Include(x => x.Parties).AsSplitQuery().Where(x => ids.Contains(x.Id)).ToListAsync(ct);
            // A case of another förbund, a draft or an id that does not exist: the whole action is not found, as for one case.
            if (loaded.Count != ids.Count || loaded.Any(c => c.ForbundId != forbundId || c.IsDraft || !user.CanView(c))) return CommandResult.NotFound;

            var versions = selected.ToDictionary(x => x.CaseId, x => x.Version);
            var changed = loaded.Where(c => c.Version != versions[c.Id]).OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence).ToList();
            if (changed.Count > 0) return ChangedMeanwhile(changed.Select(c => c.Reference!).ToList());

            var now = clock.GetUtcNow();
            var moving = loaded.Where(c => c.HandlerUserId != handler.UserId).ToList();
            foreach (var c in moving)
            {
                var r = CaseActions.Reassign(c, user.ActorFor(c), handler.UserId, now);
                if (!r.Fired) return CommandResult.Refused(r.Refusal);
            }
            var already = loaded.Count - moving.Count;
            var stays = already == 0 ? "" : $" {Swedish.Count(already, "ärende", "ärenden")} handläggs redan av {handler.FullName}.";
            if (moving.Count == 0)
                return CommandResult.Done(loaded.Count == 1
                    ? $"{handler.FullName} handlägger redan ärende {loaded[0].Reference}. Inget har ändrats."
                    : $"{handler.FullName} handlägger redan alla valda ärenden. Inget har ändrats.");

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return CommandResult.Done($"Du har fördelat {Swedish.Count(moving.Count, "ärende", "ärenden")} till {handler.FullName}.{stays}");
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CommandResult(CommandStatus.Conflict, "Ett av de valda ärendena ändrades av någon annan just nu. Inget ärende har fördelats. Se efter hur listan ser ut nu och försök igen.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The form fields <see cref="ReassignManyAsync"/> names in its refusals.</summary>
    public const string ReassignCasesField = "valda";
    public const string ReassignHandlerField = "newHandler";

    private static CommandResult ChangedMeanwhile(IReadOnlyList<string> references) => new(CommandStatus.Conflict, references.Count == 1
        ? $"Ärende {references[0]} har ändrats av någon annan sedan du öppnade sidan. Inget ärende har fördelats. Se efter hur det ser ut nu och försök igen."
        : $"Ärendena {string.Join(", ", references.Take(references.Count - 1))} och {references[^1]} har ändrats av någon annan sedan du öppnade sidan. Inget ärende har fördelats. Se efter hur de ser ut nu och försök igen.");

    /// <summary>Saves (<paramref name="submit"/> false) or submits a party's response; only a BUG member of that party may.</summary>
    public Task<CommandResult> RespondAsync(CaseUser user, int caseId, int organisationId, int? version, string? text, bool submit, CancellationToken ct = default) =>
        ChangeAsync(user, caseId, null, c =>
        {
            // Anyone who does not answer for the organisation, or whose organisation the case was never referred to, gets 404.
            if (!user.OrganisationsIn(c.ForbundId, MembershipRole.BugLedamot).Contains(organisationId)
                || c.Referrals.All(r => r.OrganisationId != organisationId))
                return Task.FromResult(CommandResult.NotFound);
            if (version is { } v && v != c.Version) return Task.FromResult(CommandResult.Conflict);
            // The guard decides on the server, for drafts too: nothing identifying is ever stored.
            if (Guard([("Response", text)]) is { } hit) return Task.FromResult(hit);
            var now = clock.GetUtcNow();
            var who = user.ActorFor(c);
            var r = submit
                ? CaseActions.SubmitPartyResponse(c, who, organisationId, text, now)
                : CaseActions.SavePartyResponse(c, who, organisationId, text, now);
            return Task.FromResult(CommandResult.From(r, !submit
                ? "Utkastet är sparat. Alla BUG-ledamöter för organisationen kan fortsätta redigera det tills det skickas."
                : c.State == CaseState.Besvarad
                    ? "Svaret är inskickat. Alla parter har nu svarat och ärendet går tillbaka till kansliet."
                    : "Svaret är inskickat. Ärendet väntar på svar från de andra parterna."));
        }, null, ct);

    /// <summary>Deletes the reporter's own draft. A submitted case is never deleted.</summary>
    public async Task<CommandResult> DeleteDraftAsync(string reporterUserId, int caseId, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await BeginAsync(ct);
        var draft = await db.Cases.AsTracking()
            .FirstOrDefaultAsync(c => c.Id == caseId && c.ReporterUserId == reporterUserId && c.State == CaseState.Utkast, ct);
        if (draft is null) return CommandResult.NotFound;
        db.Cases.Remove(draft);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done("Utkastet är borttaget.");
    }

    /// <summary>
    /// Saves a report as a draft or submits it. The form's own checks run in <paramref name="validate"/> once the kind
    /// is known (a draft keeps its kind): it returns the content, or null when the form has errors. Reading and
    /// checking happen before the write gate, so SQLite's write lock is held only for the save itself.
    /// </summary>
    public async Task<FilingResult> FileAsync(Filing filing, Func<CaseKind?, CaseContent?> validate, CancellationToken ct = default)
    {
        Case? existing = null;
        if (filing.DraftId is { } id)
        {
            existing = await OwnDraftAsync(filing.ReporterUserId, filing.ForbundId, id, ct);
            if (existing is null) return new(FilingStatus.NotFound);
        }
        else if (filing.FormKey != Guid.Empty && await CaseOfForm.For(db)(db, filing.ReporterUserId, filing.FormKey) is { } sent)
        {
            // A resent form finds the case it already created; only a draft is loaded, to be edited further.
            if (sent.State != CaseState.Utkast) return new(FilingStatus.AlreadySubmitted, sent.Id, sent.Reference);
            existing = await db.Cases.AsTracking().Include(c => c.Parties).Include(c => c.RuleConflicts).FirstAsync(c => c.Id == sent.Id, ct);
        }
        if (existing is { IsDraft: false }) return new(FilingStatus.AlreadySubmitted, existing.Id, existing.Reference);

        var kind = existing?.Kind ?? filing.Kind;
        var content = validate(kind);
        if (content is null || kind is null) return new(FilingStatus.Refused);

        var now = clock.GetUtcNow();
        var c = existing ?? Case.NewDraft(filing.ForbundId, kind.Value, filing.ReporterUserId, filing.ReporterOrganisationId,
            filing.FormKey == Guid.Empty ? Guid.NewGuid() : filing.FormKey, now);
        if (existing is null) db.Cases.Add(c);
        c.EditDraft(content, now);

        using (await gate.EnterAsync(ct))
        {
            await using var tx = await BeginAsync(ct);
            await ConfirmNamesAsync(c, existing is not null, content.NamesConfirmed ?? [], now, ct);
            if (filing.Submit)
            {
                var result = await CaseSubmission.SubmitAsync(db, c, filing.ForbundCode, filing.ReporterUserId, now);
                if (!result.Fired)
                {
                    db.ChangeTracker.Clear();
                    return new(FilingStatus.Refused, Refusal: result.Refusal);
                }
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (existing is null && filing.FormKey != Guid.Empty && !DatabaseFaults.IsUnavailable(e))
            {
                // The same form was sent twice at once and the other request saved it first (unique reporter + form key).
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var saved = await CaseOfForm.For(db)(db, filing.ReporterUserId, filing.FormKey);
                if (saved is null) throw;
                return new(FilingStatus.AlreadySubmitted, saved.Id, saved.Reference);
            }
        }
        return new(filing.Submit ? FilingStatus.Submitted : FilingStatus.Saved, c.Id, c.Reference);
    }

    /// <summary>
    /// Replaces what the reporter confirmed names no person with what this save confirmed, so the kansli reads the
    /// confirmations of the text as it stands. A new draft has none to replace: no statement for it.
    /// </summary>
    private async Task ConfirmNamesAsync(Case c, bool saved, IReadOnlyList<NameCheck> confirmed, DateTimeOffset now, CancellationToken ct)
    {
        if (saved)
            db.CaseNameConfirmations.RemoveRange(await db.CaseNameConfirmations.AsTracking().Where(n => n.CaseId == c.Id).ToListAsync(ct));
        foreach (var check in confirmed)
            foreach (var words in check.Words)
                db.CaseNameConfirmations.Add(new CaseNameConfirmation(c, check.Field, words, now));
    }

    /// <summary>The reporter's own case in the förbund, with what its form edits; null if there is none.</summary>
    public Task<Case?> OwnDraftAsync(string reporterUserId, int forbundId, int id, CancellationToken ct = default) =>
        db.Cases.AsTracking().Include(c => c.Parties).Include(c => c.RuleConflicts)
            .FirstOrDefaultAsync(c => c.Id == id && c.ReporterUserId == reporterUserId && c.ForbundId == forbundId, ct);

    private sealed record SentForm(int Id, CaseState State, string? Reference);

    /// <summary>The case a form created, if it was sent before (unique per reporter and form key).</summary>
    private static readonly PerModel<Func<LexHellerDb, string, Guid, Task<SentForm?>>> CaseOfForm = new(() => EF.CompileAsyncQuery(
        (LexHellerDb db, string userId, Guid formKey) => db.Cases
            .Where(c => c.ReporterUserId == userId && c.FormKey == formKey)
            .Select(c => new SentForm(c.Id, c.State, c.Reference))
            .FirstOrDefault()));

    /// <summary>
    /// The frame of every change to a submitted case: the gate, one transaction, the case as the user saw it, the
    /// change, one save of the case with its event and mails, the follow-up writes (which may still refuse), one
    /// commit. A refusal or a fault rolls everything back (the transaction is disposed uncommitted).
    /// </summary>
    /// <param name="commit">False to check only: the change is made and saved inside the transaction, then rolled back.</param>
    private async Task<CommandResult> ChangeAsync(CaseUser user, int caseId, int? version, Func<Case, Task<CommandResult>> change,
        Func<Case, Task<CommandResult?>>? followUp, CancellationToken ct, bool commit = true)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await BeginAsync(ct);
        try
        {
            // Parties, rule conflicts, questions and referrals are a handful of rows each: one joined statement. The
            // timeline is not loaded; a new event is appended to it all the same.
            var c = await db.Cases.AsTracking()
                .Include(x => x.Parties).Include(x => x.RuleConflicts).Include(x => x.Questions).Include(x => x.Referrals)
                .AsSingleQuery()
                .FirstOrDefaultAsync(x => x.Id == caseId, ct);
            if (c is null || !user.CanView(c)) return CommandResult.NotFound;
            if (version is { } v && v != c.Version) return CommandResult.Conflict;
            if (c.IsGallrad) return CommandResult.Refused("Ärendet är gallrat enligt informationshanteringsplanen och kan inte ändras.");

            var result = await change(c);
            if (result.Status != CommandStatus.Done || !result.Writes) return result;

            await db.SaveChangesAsync(ct);
            // A follow-up that refuses (the agenda cannot take the decision) leaves the transaction uncommitted.
            if (followUp is not null && await followUp(c) is { } refused) return refused;
            if (commit) await tx.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict;
        }
        finally
        {
            // Whatever was not committed is forgotten, so the page shows the case as stored.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        // A failed save rolls the whole transaction back, so EF's savepoint around each save would be two statements for nothing.
        db.Database.AutoSavepointsEnabled = false;
        return tx;
    }

    private static CommandResult? Guard(IEnumerable<(string Field, string? Text)> texts)
    {
        // Staff texts are held to names as well, one message per field; only the reporter may confirm a false hit.
        var messages = PersonalDataSummary.PerField(texts.Select(t => (t.Field, PersonalDataGuard.ScanIncludingNames(t.Text))));
        return messages.Count == 0 ? null
            : new CommandResult(CommandStatus.Refused, null, messages.Select(m => new FieldError(m.Key, m.Value)).ToArray());
    }

    private async Task<TriggerContext> ContextAsync(Case c, TriggerInputKind input, CancellationToken ct)
    {
        var today = Stockholm.Today(clock.GetUtcNow());
        if (input != TriggerInputKind.Referral) return new(today, [], []);
        var (partners, _) = await CasePageQuery.OptionsAsync(db, c.ForbundId, c.CategoryId, withCategories: false, ct);
        return new(today, partners.Select(p => p.Id).ToList(), partners.Where(p => p.HasBugMember).Select(p => p.Id).ToList());
    }

    /// <summary>How a case is named in the audit log: its reference.</summary>
    internal static string Subject(Case c) => c.Reference ?? c.Id.ToString();
}
