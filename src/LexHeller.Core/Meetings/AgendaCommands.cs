using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Meetings;

/// <summary>
/// The kansli's changes to a meeting's agenda, one method per action, each in one transaction committed once with
/// its case transitions and mails. While the agenda is open the kansli adds and removes cases, orders the items,
/// adds free items and can send it at once. After it has gone out a case can still be added (an "extra ärende":
/// it goes to "Behandlas i BUG" at once) or any item withdrawn (a case goes back to "Redo för BUG" and waits for
/// the next meeting); the BUG members are then told of that change only. The page has checked that the user is in
/// the meeting's förbund's kansli; a refusal is in Swedish and changes nothing.
/// </summary>
public sealed class AgendaCommands(LexHellerDb db, TimeProvider clock, WriteGate gate, Agendas agendas, IOptions<PublicUrlOptions> publicUrl)
{
    /// <summary>Puts a case "Redo för BUG" of the meeting's förbund on its agenda; after dispatch as an extra ärende.</summary>
    public Task<CommandResult> AddCaseAsync(int meetingId, CaseActorContext kansli, int? caseId, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, now) =>
        {
            if (Locked(meeting) is { } locked) return locked;
            if (caseId is null) return Field("CaseId", "Välj ett ärende att lägga till.");
            var c = await db.Cases.AsTracking().Include(x => x.Referrals).FirstOrDefaultAsync(x => x.Id == caseId, ct);
            // A case of another förbund is answered as one that does not exist.
            if (c is null || c.ForbundId != meeting.ForbundId || c.IsDraft) return Field("CaseId", "Ärendet finns inte.");
            if (meeting.Current.Any(i => i.CaseId == c.Id)) return Field("CaseId", $"Ärende {c.Reference} står redan på dagordningen.");
            if (c.State != CaseState.RedoForBug)
                return Field("CaseId", $"Ärende {c.Reference} har status ”{c.State.DisplayName()}”. Bara ärenden som är redo för BUG kan läggas på dagordningen.");

            // A case is on one open agenda at a time: put here, it leaves the other one.
            var elsewhere = await db.AgendaItems
                .Where(i => i.CaseId == c.Id && i.RemovedAt == null && i.MeetingId != meeting.Id
                    && db.Meetings.Any(m => m.Id == i.MeetingId && m.AgendaClosedAt == null && m.CancelledAt == null))
                .Select(i => i.MeetingId).ToListAsync(ct);
            foreach (var otherId in elsewhere)
            {
                var other = await db.Meetings.AsTracking().Include(m => m.Items).SingleAsync(m => m.Id == otherId, ct);
                other.RemoveItem(other.Current.Single(i => i.CaseId == c.Id), AgendaRemoval.Removed, null, now);
            }

            meeting.AddCase(c.Id, now);
            if (!meeting.IsDispatched)
                return CommandResult.Done(elsewhere.Count == 0
                    ? $"Ärende {c.Reference} lades till på dagordningen."
                    : $"Ärende {c.Reference} lades till på dagordningen och togs bort från det andra mötets dagordning.");

            var started = CaseActions.StartReview(c, kansli, now, $"Lades till som extra ärende på mötet {Stockholm.Format(meeting.StartsAt)}");
            if (!started.Fired) return Field("CaseId", started.Refusal ?? "Ärendet kan inte tas upp i BUG nu.");
            await agendas.WriteChangeMailsAsync(meeting, AgendaChange.Added, c.Reference!, isCase: true, publicUrl.Value.Base, now, ct);
            return CommandResult.Done($"Ärende {c.Reference} lades till som extra ärende. Ärendet behandlas nu i BUG{Told(meeting, now)}");
        }, ct);

    /// <summary>Adds a free item (information or another question) at the end of the agenda.</summary>
    public Task<CommandResult> AddFreeItemAsync(int meetingId, AgendaItemKind? kind, string? title, string? text, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, now) =>
        {
            if (Locked(meeting) is { } locked) return locked;
            var errors = new List<FieldError>();
            if (kind is not (AgendaItemKind.Information or AgendaItemKind.Question))
                errors.Add(new("Kind", "Välj om punkten är information eller en övrig fråga."));
            if (string.IsNullOrWhiteSpace(title)) errors.Add(new("Title", "Skriv en rubrik."));
            else if (title.Trim().Length > AgendaItem.MaxTitle) errors.Add(new("Title", $"Rubriken får vara högst {AgendaItem.MaxTitle} tecken."));
            if (text is not null && text.Trim().Length > AgendaItem.MaxText) errors.Add(new("Text", $"Texten får vara högst {AgendaItem.MaxText} tecken."));
            // Nothing identifying goes on an agenda that is mailed to every BUG member.
            errors.AddRange(PersonalDataGuard.Scan(title).Select(hit => new FieldError("Title", hit.Message)));
            errors.AddRange(PersonalDataGuard.Scan(text).Select(hit => new FieldError("Text", hit.Message)));
            if (errors.Count > 0) return CommandResult.Refused(null, [.. errors]);

            var item = meeting.AddFreeItem(kind!.Value, title!, text, now);
            var what = $"{item.Kind.DisplayName()}: {item.Title}";
            if (!meeting.IsDispatched) return CommandResult.Done($"Punkten ”{item.Title}” lades till på dagordningen.");
            await agendas.WriteChangeMailsAsync(meeting, AgendaChange.Added, what, isCase: false, publicUrl.Value.Base, now, ct);
            return CommandResult.Done($"Punkten ”{item.Title}” lades till på dagordningen{Told(meeting, now)}");
        }, ct);

    /// <summary>
    /// Puts a systemfel of the meeting's förbund on the agenda of a coming meeting, and notes it in the systemfel's
    /// history. After the agenda went out the members are told of the new item by mail, as of a free item. Only the
    /// förbund's kansli does; a systemfel of another förbund is answered as one that does not exist.
    /// </summary>
    public Task<CommandResult> AddSystemicProblemAsync(int meetingId, CaseUser kansli, int? systemicProblemId, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, now) =>
        {
            if (!kansli.RolesIn(meeting.ForbundId).Contains(MembershipRole.Kansli)) return CommandResult.NotFound;
            if (Locked(meeting) is { } locked) return Field("MeetingId", locked.Message!);
            if (meeting.StartsAt <= now) return Field("MeetingId", "Mötet har redan börjat. Välj ett kommande möte.");
            var problem = systemicProblemId is { } pid ? await db.SystemicProblems.FirstOrDefaultAsync(p => p.Id == pid && p.ForbundId == meeting.ForbundId, ct) : null;
            if (problem is null) return CommandResult.NotFound;
            if (meeting.Current.Any(i => i.SystemicProblemId == problem.Id))
                return Field("MeetingId", $"Systemfelet står redan på dagordningen för mötet {Stockholm.Format(meeting.StartsAt)}.");
            meeting.AddSystemicProblem(problem.Id, problem.Title, problem.Description, now);
            problem.Note(SystemicEventKind.OnAgenda, kansli.UserId, meeting.ForbundId, $"BUG-mötet {Stockholm.Format(meeting.StartsAt)}", now);
            var done = $"Systemfelet ”{problem.Title}” lades till på dagordningen för BUG-mötet {Stockholm.Format(meeting.StartsAt)}";
            if (!meeting.IsDispatched) return CommandResult.Done(done + ".");
            // Members who have the agenda learn of the new item, as of any other edit after it went out.
            await agendas.WriteChangeMailsAsync(meeting, AgendaChange.Added, $"Systemfel: {problem.Title}", isCase: false, publicUrl.Value.Base, now, ct);
            return CommandResult.Done(done + Told(meeting, now));
        }, ct);

    /// <summary>
    /// Takes an item off an open agenda. A case stays "Redo för BUG" and goes to the next meeting (never back to
    /// this one, unless the kansli adds it again).
    /// </summary>
    public Task<CommandResult> RemoveAsync(int meetingId, int itemId, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, now) =>
        {
            if (Locked(meeting) is { } locked) return locked;
            if (meeting.IsDispatched) return CommandResult.Refused("Dagordningen är redan utskickad. Dra tillbaka punkten i stället; ledamöterna får då besked.");
            var item = meeting.Current.FirstOrDefault(i => i.Id == itemId);
            if (item is null) return CommandResult.Refused("Punkten står inte längre på dagordningen.");
            var name = await NameAsync(item, ct);
            meeting.RemoveItem(item, AgendaRemoval.Removed, null, now);
            if (item.CaseId is null) return CommandResult.Done($"{name} togs bort från dagordningen.");
            await db.SaveChangesAsync(ct);
            await agendas.PlaceReadyCasesAsync(meeting.ForbundId, ct);
            var next = await db.AgendaItems.Where(i => i.CaseId == item.CaseId && i.RemovedAt == null && i.MeetingId != meeting.Id)
                .Join(db.Meetings.Where(m => m.AgendaClosedAt == null && m.CancelledAt == null), i => i.MeetingId, m => m.Id, (i, m) => (DateTimeOffset?)m.StartsAt)
                .FirstOrDefaultAsync(ct);
            return CommandResult.Done(next is { } at
                ? $"{name} togs bort från dagordningen. Ärendet står nu på dagordningen för mötet {Stockholm.Format(at)}."
                : $"{name} togs bort från dagordningen. Ärendet väntar på nästa möte.");
        }, ct);

    /// <summary>
    /// Withdraws an item from an agenda that has gone out. A case under review goes back to "Redo för BUG" through
    /// the workflow and waits for the next meeting; the BUG members are told of the withdrawal only.
    /// </summary>
    public Task<CommandResult> WithdrawAsync(int meetingId, CaseActorContext kansli, int itemId, bool confirm, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, now) =>
        {
            if (Locked(meeting) is { } locked) return locked;
            if (!meeting.IsDispatched) return CommandResult.Refused("Dagordningen är inte utskickad än. Ta bort punkten i stället.");
            var item = meeting.Current.FirstOrDefault(i => i.Id == itemId);
            if (item is null) return CommandResult.Refused("Punkten står inte längre på dagordningen.");
            if (item.Decision is not null) return CommandResult.Refused("Mötet har redan fattat beslut om punkten; den kan inte dras tillbaka.");
            if (!confirm) return CommandResult.Refused("Kryssa i rutan för att bekräfta att punkten dras tillbaka.");

            var name = await NameAsync(item, ct);
            meeting.RemoveItem(item, AgendaRemoval.Withdrawn, null, now);
            if (item.CaseId is { } caseId)
            {
                var c = await db.Cases.AsTracking().Include(x => x.Referrals).SingleAsync(x => x.Id == caseId, ct);
                if (c.State == CaseState.BehandlasIBug)
                {
                    var postponed = CaseActions.Postpone(c, kansli, $"Drogs tillbaka från dagordningen för mötet {Stockholm.Format(meeting.StartsAt)}", now);
                    if (!postponed.Fired) return CommandResult.Refused(postponed.Refusal);
                }
                await agendas.WriteChangeMailsAsync(meeting, AgendaChange.Withdrawn, c.Reference!, isCase: true, publicUrl.Value.Base, now, ct);
                await db.SaveChangesAsync(ct);
                await agendas.PlaceReadyCasesAsync(meeting.ForbundId, ct);
            }
            else
            {
                await agendas.WriteChangeMailsAsync(meeting, AgendaChange.Withdrawn, $"”{item.Title}”", isCase: false, publicUrl.Value.Base, now, ct);
            }
            return CommandResult.Done($"{name} drogs tillbaka från dagordningen{Told(meeting, now)}");
        }, ct);

    /// <summary>Moves an item one place up (<paramref name="step"/> −1) or down (+1) on an open agenda.</summary>
    public Task<CommandResult> MoveAsync(int meetingId, int itemId, int step, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, _) =>
        {
            if (Locked(meeting) is { } locked) return locked;
            // The members have the agenda in this order; after dispatch it stays as they got it.
            if (!meeting.IsAgendaOpen) return CommandResult.Refused("Dagordningen är utskickad; ordningen kan inte längre ändras.");
            var order = meeting.Current.ToList();
            var from = order.FindIndex(i => i.Id == itemId);
            if (from < 0) return CommandResult.Refused("Punkten står inte längre på dagordningen.");
            var name = await NameAsync(order[from], ct);
            var to = from + Math.Sign(step);
            if (to < 0 || to >= order.Count)
                return CommandResult.Done($"{name} står redan {(step < 0 ? "först" : "sist")} på dagordningen.") with { Writes = false };
            (order[from], order[to]) = (order[to], order[from]);
            meeting.Reorder(order.Select(i => i.Id).ToList());
            return CommandResult.Done($"{name} flyttades till plats {to + 1} på dagordningen.");
        }, ct);

    /// <summary>
    /// Sends the agenda now instead of at its cut-off, after putting the waiting cases on it: the same dispatch as the
    /// sweep's, so it goes out once. An empty agenda goes out only with <paramref name="confirmEmpty"/>.
    /// </summary>
    public Task<CommandResult> SendNowAsync(int meetingId, CaseActorContext kansli, bool confirmEmpty, CancellationToken ct = default) =>
        ChangeAsync(meetingId, async (meeting, now) =>
        {
            if (meeting.IsCancelled) return CommandResult.Refused("Mötet är inställt; dagordningen skickas inte ut.");
            if (!meeting.IsAgendaOpen) return CommandResult.Refused("Dagordningen är redan utskickad.");
            switch (await agendas.SendNowAsync(meeting, kansli, confirmEmpty, publicUrl.Value.Base, now, ct))
            {
                case SendNow.Empty: return Field("ConfirmEmpty", EmptyRefusal);
                case SendNow.AlreadySent: return CommandResult.Refused("Dagordningen är redan utskickad.");
                case SendNow.Sent: break;
            }
            var count = meeting.Current.Count();
            return CommandResult.Done(count == 0
                ? "Dagordningen skickades ut utan punkter. Ledamöterna får den med e-post."
                : $"Dagordningen skickades ut med {Swedish.Count(count, "punkt", "punkter")}. Ledamöterna får den med e-post.");
        }, ct);

    /// <summary>
    /// The frame of every agenda change: the gate, one transaction, the meeting with its items, the change, one
    /// commit. A refusal or a fault leaves the transaction uncommitted and forgets what was changed in memory.
    /// </summary>
    private async Task<CommandResult> ChangeAsync(int meetingId, Func<Meeting, DateTimeOffset, Task<CommandResult>> change, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var meeting = await db.Meetings.AsTracking().Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == meetingId, ct);
            if (meeting is null) return CommandResult.NotFound;
            var result = await change(meeting, clock.GetUtcNow());
            if (result.Status != CommandStatus.Done || !result.Writes) return result;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CommandResult(CommandStatus.Conflict, "Dagordningen har ändrats av någon annan. Här är den som den ser ut nu – gör om det du tänkt om det fortfarande behövs.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public const string EmptyRefusal = "Dagordningen är tom: inga ärenden är redo för BUG. Kryssa i rutan om den ska skickas ut ändå, eller lägg till punkter först.";

    /// <summary>Why the agenda cannot change at all any more; null while it can.</summary>
    private static CommandResult? Locked(Meeting meeting) =>
        meeting.IsCancelled ? CommandResult.Refused("Mötet är inställt; dagordningen kan inte ändras.")
        : meeting.MinutesSubmittedAt is not null ? CommandResult.Refused("Protokollet är skickat för justering; dagordningen kan inte längre ändras.")
        : null;

    private static CommandResult Field(string field, string message) => CommandResult.Refused(null, new FieldError(field, message));

    private static string Told(Meeting meeting, DateTimeOffset now) =>
        meeting.StartsAt > now ? ". Ledamöterna får besked med e-post om ändringen." : ".";

    /// <summary>An item as a confirmation names it: a case by its reference, a free item by its title.</summary>
    private async Task<string> NameAsync(AgendaItem item, CancellationToken ct) => item.CaseId is { } id
        ? $"Ärende {await db.Cases.Where(c => c.Id == id).Select(c => c.Reference).SingleAsync(ct)}"
        : $"Punkten ”{item.Title}”";
}
