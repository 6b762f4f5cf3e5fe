using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Systemic;

/// <summary>What the kansli writes about a systemfel.</summary>
public sealed record SystemicInput(string? Title, string? Description, int? CategoryId, int? OwnerOrganisationId,
    IReadOnlyList<int> PartyIds, int? ConflictPartyA, int? ConflictPartyB);

/// <summary>What the kansli writes about a measure.</summary>
public sealed record MeasureInput(string? Description, int? OrganisationId, DateOnly? DueDate, DateOnly? FollowUpDate);

/// <summary>
/// The kansli's changes to links between cases, to systemfel and to measures. Each is one transaction: the change, its
/// history, its audit entry and, when a reporter is to hear of it, the lines of their impact ledger and their mails.
/// Only the kansli of the förbund that owns a thing changes it; a case of another förbund is linked to a systemfel
/// only by its own kansli, and only while both förbund take part in the joint register.
/// </summary>
public sealed class SystemicCommands(LexHellerDb db, TimeProvider clock, IOptions<PublicUrlOptions> publicUrl)
{
    /// <summary>The id of what was made, with the result.</summary>
    public sealed record Made(CommandResult Result, int? Id);

    private static CommandResult Refused(string field, string message) => CommandResult.Refused(null, new FieldError(field, message));

    private static bool IsKansli(CaseUser user, int forbundId) => user.RolesIn(forbundId).Contains(MembershipRole.Kansli);

    public async Task<CommandResult> LinkCasesAsync(CaseUser user, int caseId, int otherCaseId, CancellationToken ct = default)
    {
        var cases = await db.Cases.Where(c => c.Id == caseId || c.Id == otherCaseId)
            .Select(c => new { c.Id, c.ForbundId, c.Reference, c.State, c.GallradAt }).ToListAsync(ct);
        var self = cases.FirstOrDefault(c => c.Id == caseId);
        if (self is null || !IsKansli(user, self.ForbundId)) return CommandResult.NotFound;
        var other = cases.FirstOrDefault(c => c.Id == otherCaseId && c.Id != caseId);
        if (other is null || other.ForbundId != self.ForbundId || other.State == CaseState.Utkast)
            return CommandResult.Refused("Det ärendet finns inte bland förbundets ärenden.");
        if (other.GallradAt is not null || self.GallradAt is not null) return CommandResult.Refused("Ett gallrat ärende kan inte kopplas.");
        var link = new CaseLink(caseId, otherCaseId, user.UserId, clock.GetUtcNow());
        if (await db.CaseLinks.AnyAsync(l => l.CaseId == link.CaseId && l.OtherCaseId == link.OtherCaseId, ct))
            return CommandResult.Refused($"Ärendet är redan kopplat till {other.Reference}.");
        db.CaseLinks.Add(link);
        db.AuditEntries.Add(new AuditEntry(link.LinkedAt, user.UserId, self.ForbundId, AuditActions.CasesLinked, $"{self.Reference} ↔ {other.Reference}", null, null));
        await db.SaveChangesAsync(ct);
        return CommandResult.Done($"Du har kopplat ärendet till {other.Reference}.");
    }

    public async Task<CommandResult> UnlinkCasesAsync(CaseUser user, int caseId, int otherCaseId, CancellationToken ct = default)
    {
        var (low, high) = (Math.Min(caseId, otherCaseId), Math.Max(caseId, otherCaseId));
        var link = await db.CaseLinks.FirstOrDefaultAsync(l => l.CaseId == low && l.OtherCaseId == high, ct);
        var refs = await db.Cases.Where(c => c.Id == caseId || c.Id == otherCaseId).Select(c => new { c.Id, c.ForbundId, c.Reference }).ToListAsync(ct);
        var self = refs.FirstOrDefault(c => c.Id == caseId);
        if (self is null || !IsKansli(user, self.ForbundId)) return CommandResult.NotFound;
        if (link is null) return CommandResult.Refused("Ärendena är inte kopplade.");
        var other = refs.First(c => c.Id == otherCaseId);
        db.CaseLinks.Remove(link);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.UserId, self.ForbundId, AuditActions.CasesUnlinked, $"{self.Reference} ↔ {other.Reference}", null, null));
        await db.SaveChangesAsync(ct);
        return CommandResult.Done($"Du har tagit bort kopplingen till {other.Reference}.");
    }

    /// <summary>A new systemfel of the förbund; with <paramref name="fromCaseId"/> that case is linked to it at once.</summary>
    public async Task<Made> IdentifyAsync(CaseUser user, int forbundId, SystemicInput input, int? fromCaseId, CancellationToken ct = default)
    {
        if (!IsKansli(user, forbundId)) return new(CommandResult.NotFound, null);
        var refused = await CheckAsync(forbundId, input, ct);
        if (refused is not null) return new(refused, null);
        var now = clock.GetUtcNow();
        var from = fromCaseId is { } cid
            ? await db.Cases.Where(c => c.Id == cid && c.ForbundId == forbundId && c.State != CaseState.Utkast && c.GallradAt == null)
                .Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(ct)
            : null;
        if (fromCaseId is not null && from is null) return new(CommandResult.Refused("Ärendet finns inte bland förbundets ärenden."), null);

        // The link needs the new row's id: two statements, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var problem = SystemicProblem.Identify(forbundId, input.Title!, input.Description!, input.CategoryId, input.OwnerOrganisationId,
            input.PartyIds, input.ConflictPartyA, input.ConflictPartyB, user.UserId, now);
        db.SystemicProblems.Add(problem);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, forbundId, AuditActions.SystemicProblemIdentified, problem.Title, null, null));
        if (from is not null)
        {
            await db.SaveChangesAsync(ct);
            db.SystemicProblemCases.Add(new SystemicProblemCase(problem.Id, from.Id, forbundId, user.UserId, now));
            problem.Note(SystemicEventKind.CaseLinked, user.UserId, forbundId, null, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(CommandResult.Done(from is null
            ? $"Du har registrerat systemfelet ”{problem.Title}”."
            : $"Du har registrerat systemfelet ”{problem.Title}” och kopplat {from.Reference} till det."), problem.Id);
    }

    public async Task<CommandResult> DescribeAsync(CaseUser user, int id, int? version, SystemicInput input, CancellationToken ct = default)
    {
        var problem = await db.SystemicProblems.Include(p => p.Parties).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (problem is null || !IsKansli(user, problem.ForbundId)) return CommandResult.NotFound;
        if (version is not null && version != problem.Version) return Conflict;
        var refused = await CheckAsync(problem.ForbundId, input, ct);
        if (refused is not null) return refused;
        var now = clock.GetUtcNow();
        problem.Describe(input.Title!, input.Description!, input.CategoryId, input.OwnerOrganisationId, input.PartyIds, input.ConflictPartyA, input.ConflictPartyB, now);
        problem.Note(SystemicEventKind.Described, user.UserId, problem.ForbundId, null, now);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, problem.ForbundId, AuditActions.SystemicProblemChanged, problem.Title, null, "Beskrivning"));
        return await SaveAsync(CommandResult.Done("Du har sparat systemfelet."), ct);
    }

    /// <summary>
    /// Moves the systemfel to its next status. Every reporter of a linked case (of any förbund) gets a line in the
    /// impact ledger and a mail: the systemfel's title, its new status and <paramref name="toReporters"/>, if written.
    /// </summary>
    public async Task<CommandResult> MoveAsync(CaseUser user, int id, int? version, SystemicStatus? to, string? note, string? toReporters, CancellationToken ct = default)
    {
        var problem = await db.SystemicProblems.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (problem is null || !IsKansli(user, problem.ForbundId)) return CommandResult.NotFound;
        if (version is not null && version != problem.Version) return Conflict;
        if (to is null) return Refused("Status", "Välj den nya statusen.");
        if (note?.Length > SystemicProblem.MaxNote) return Refused("Note", $"Skriv högst {SystemicProblem.MaxNote} tecken.");
        if (toReporters?.Length > SystemicProblem.MaxNote) return Refused("ToReporters", $"Skriv högst {SystemicProblem.MaxNote} tecken.");
        if (Identifying("Note", note).Concat(Identifying("ToReporters", toReporters)).ToList() is { Count: > 0 } moveHits)
            return CommandResult.Refused(null, [.. moveHits]);
        var from = problem.Status;
        var now = clock.GetUtcNow();
        if (!problem.MoveTo(to.Value, user.UserId, problem.ForbundId, note, now))
            return Refused("Status", $"Ett systemfel med status {from.DisplayName()} kan inte få status {to.Value.DisplayName()}.");
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, problem.ForbundId, AuditActions.SystemicProblemChanged, problem.Title, from.DisplayName(), to.Value.DisplayName()));
        var text = $"Systemfelet ”{problem.Title}” som ditt ärende är kopplat till har nu status: {to.Value.DisplayName()}."
            + (string.IsNullOrWhiteSpace(toReporters) ? "" : $" {toReporters.Trim()}");
        var told = await TellReportersAsync(await LinkedCasesAsync(problem.Id, ct), null, problem.Id, text, now, ct);
        return await SaveAsync(CommandResult.Done($"Systemfelet har nu status {to.Value.DisplayName()}. {Told(told)}"), ct);
    }

    public async Task<CommandResult> EscalateAsync(CaseUser user, int id, int? version, EscalationLevel? level, string? to, string? note, CancellationToken ct = default)
    {
        var problem = await db.SystemicProblems.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (problem is null || !IsKansli(user, problem.ForbundId)) return CommandResult.NotFound;
        if (version is not null && version != problem.Version) return Conflict;
        if (level is null) return Refused("Level", "Välj nivå.");
        if (to?.Length > 200) return Refused("EscalatedTo", "Skriv högst 200 tecken.");
        if (note?.Length > SystemicProblem.MaxNote) return Refused("Note", $"Skriv högst {SystemicProblem.MaxNote} tecken.");
        if (Identifying("EscalatedTo", to).Concat(Identifying("Note", note)).ToList() is { Count: > 0 } escalationHits)
            return CommandResult.Refused(null, [.. escalationHits]);
        var now = clock.GetUtcNow();
        var before = problem.Escalation.DisplayName();
        if (!problem.Escalate(level.Value, to, user.UserId, problem.ForbundId, note, now))
            return CommandResult.Refused("Systemfelet är redan eskalerat så.");
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, problem.ForbundId, AuditActions.SystemicProblemChanged, problem.Title, before, level.Value.DisplayName()));
        return await SaveAsync(CommandResult.Done($"Systemfelet är nu eskalerat till nivån {level.Value.DisplayName()}."), ct);
    }

    /// <summary>
    /// Links a case to a systemfel. The case's own kansli links it; a systemfel of another förbund only while both
    /// förbund take part in the joint register.
    /// </summary>
    public async Task<CommandResult> LinkCaseAsync(CaseUser user, int systemicProblemId, int caseId, CancellationToken ct = default)
    {
        var c = await db.Cases.Where(x => x.Id == caseId).Select(x => new { x.Id, x.ForbundId, x.Reference, x.State, x.GallradAt }).FirstOrDefaultAsync(ct);
        if (c is null || c.State == CaseState.Utkast || !IsKansli(user, c.ForbundId)) return CommandResult.NotFound;
        if (c.GallradAt is not null) return CommandResult.Refused("Ett gallrat ärende kan inte kopplas.");
        var problem = await db.SystemicProblems.FirstOrDefaultAsync(p => p.Id == systemicProblemId, ct);
        if (problem is null) return Refused("SystemicProblemId", "Välj ett systemfel.");
        if (problem.ForbundId != c.ForbundId)
        {
            var sharing = await db.Forbund.Where(f => f.Id == problem.ForbundId || f.Id == c.ForbundId)
                .Select(f => new { f.Id, f.SharesSystemicProblems }).ToListAsync(ct);
            if (!sharing.Single(f => f.Id == c.ForbundId).SharesSystemicProblems)
                return Refused("SystemicProblemId", "Ditt förbund deltar inte i det gemensamma registret. Det går bara att koppla till förbundets egna systemfel.");
            if (!sharing.Single(f => f.Id == problem.ForbundId).SharesSystemicProblems)
                return Refused("SystemicProblemId", "Systemfelet hör till ett förbund som inte deltar i det gemensamma registret.");
        }
        if (await db.SystemicProblemCases.AnyAsync(l => l.SystemicProblemId == problem.Id && l.CaseId == c.Id, ct))
            return Refused("SystemicProblemId", $"{c.Reference} är redan kopplat till systemfelet.");
        var now = clock.GetUtcNow();
        db.SystemicProblemCases.Add(new SystemicProblemCase(problem.Id, c.Id, c.ForbundId, user.UserId, now));
        problem.Note(SystemicEventKind.CaseLinked, user.UserId, c.ForbundId, null, now);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, c.ForbundId, AuditActions.SystemicProblemCaseLinked, c.Reference ?? c.Id.ToString(), null, problem.Title));
        return await SaveAsync(CommandResult.Done($"Du har kopplat {c.Reference} till systemfelet ”{problem.Title}”."), ct);
    }

    public async Task<CommandResult> UnlinkCaseAsync(CaseUser user, int systemicProblemId, int caseId, CancellationToken ct = default)
    {
        var link = await db.SystemicProblemCases.FirstOrDefaultAsync(l => l.SystemicProblemId == systemicProblemId && l.CaseId == caseId, ct);
        if (link is null || !IsKansli(user, link.CaseForbundId)) return CommandResult.NotFound;
        var problem = await db.SystemicProblems.FirstAsync(p => p.Id == systemicProblemId, ct);
        var reference = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).FirstAsync(ct);
        var now = clock.GetUtcNow();
        db.SystemicProblemCases.Remove(link);
        problem.Note(SystemicEventKind.CaseUnlinked, user.UserId, link.CaseForbundId, null, now);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, link.CaseForbundId, AuditActions.SystemicProblemCaseUnlinked, reference ?? caseId.ToString(), problem.Title, null));
        return await SaveAsync(CommandResult.Done($"Du har tagit bort kopplingen mellan {reference} och systemfelet."), ct);
    }

    /// <summary>A measure on a case or a systemfel of the förbund, carried out by one of its parties or by the förbund.</summary>
    public async Task<Made> PlanMeasureAsync(CaseUser user, int forbundId, int? caseId, int? systemicProblemId, MeasureInput input, CancellationToken ct = default)
    {
        if (!IsKansli(user, forbundId) || (caseId is null) == (systemicProblemId is null)) return new(CommandResult.NotFound, null);
        if (caseId is { } cid && !await db.Cases.AnyAsync(c => c.Id == cid && c.ForbundId == forbundId && c.State != CaseState.Utkast && c.GallradAt == null, ct))
            return new(CommandResult.NotFound, null);
        SystemicProblem? problem = null;
        if (systemicProblemId is { } pid)
        {
            problem = await db.SystemicProblems.FirstOrDefaultAsync(p => p.Id == pid && p.ForbundId == forbundId, ct);
            if (problem is null) return new(CommandResult.NotFound, null);
        }
        var today = Stockholm.Today(clock.GetUtcNow());
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Description)) errors.Add(new("Description", "Skriv vad som ska göras."));
        else if (input.Description.Length > Measure.MaxText) errors.Add(new("Description", $"Skriv högst {Measure.MaxText} tecken."));
        if (input.OrganisationId is { } org && !await db.ForbundMembers.AnyAsync(m => m.ForbundId == forbundId && m.OrganisationId == org, ct))
            errors.Add(new("OrganisationId", "Välj en av förbundets parter, eller förbundet självt."));
        if (input.DueDate is null) errors.Add(new("DueDate", "Ange när åtgärden ska vara genomförd."));
        else if (input.DueDate < today) errors.Add(new("DueDate", "Datumet har redan passerat. Ange ett datum från och med i dag."));
        if (input.FollowUpDate is null) errors.Add(new("FollowUpDate", "Ange när effekten ska följas upp."));
        else if (input.DueDate is { } due && input.FollowUpDate < due) errors.Add(new("FollowUpDate", "Uppföljningen kan inte ligga före datumet då åtgärden ska vara genomförd."));
        if (errors.Count > 0) return new(new CommandResult(CommandStatus.Refused, null, errors), null);

        var now = clock.GetUtcNow();
        var measure = Measure.Plan(forbundId, caseId, systemicProblemId, input.Description!, input.OrganisationId, input.DueDate!.Value, input.FollowUpDate!.Value, user.UserId, now);
        db.Measures.Add(measure);
        problem?.Note(SystemicEventKind.MeasureRecorded, user.UserId, forbundId, measure.Description, now);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, forbundId, AuditActions.MeasurePlanned, await SubjectAsync(caseId, problem, ct), null, measure.Description));
        await db.SaveChangesAsync(ct);
        return new(CommandResult.Done($"Du har lagt till åtgärden. Den ska vara genomförd {measure.DueDate:yyyy-MM-dd} och följas upp {measure.FollowUpDate:yyyy-MM-dd}."), measure.Id);
    }

    /// <summary>
    /// Records a measure as done. The reporter of its case, or every reporter of its systemfel's linked cases, gets a
    /// line in the impact ledger and a mail: the measure's own words and <paramref name="toReporters"/>, if written.
    /// </summary>
    public async Task<CommandResult> MarkDoneAsync(CaseUser user, int measureId, int? version, string? note, string? toReporters, CancellationToken ct = default)
    {
        var measure = await db.Measures.FirstOrDefaultAsync(m => m.Id == measureId, ct);
        if (measure is null || !IsKansli(user, measure.ForbundId)) return CommandResult.NotFound;
        if (version is not null && version != measure.Version) return Conflict;
        if (measure.IsDone) return CommandResult.Refused("Åtgärden är redan markerad som genomförd.");
        if (note?.Length > Measure.MaxText) return Refused("Note", $"Skriv högst {Measure.MaxText} tecken.");
        if (toReporters?.Length > Measure.MaxText) return Refused("ToReporters", $"Skriv högst {Measure.MaxText} tecken.");
        var now = clock.GetUtcNow();
        measure.MarkDone(note, now);
        var problem = measure.SystemicProblemId is { } pid ? await db.SystemicProblems.FirstAsync(p => p.Id == pid, ct) : null;
        problem?.Note(SystemicEventKind.MeasureRecorded, user.UserId, measure.ForbundId, $"Genomförd: {measure.Description}", now);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, measure.ForbundId, AuditActions.MeasureDone, await SubjectAsync(measure.CaseId, problem, ct), null, measure.Description));
        var text = $"En åtgärd har genomförts: {measure.Description}" + (string.IsNullOrWhiteSpace(toReporters) ? "" : $" {toReporters.Trim()}");
        var cases = measure.CaseId is { } cid ? [cid] : await LinkedCasesAsync(problem!.Id, ct);
        var told = await TellReportersAsync(cases, measure.Id, measure.SystemicProblemId, text, now, ct);
        return await SaveAsync(CommandResult.Done($"Du har markerat åtgärden som genomförd. {Told(told)}"), ct);
    }

    public async Task<CommandResult> FollowUpAsync(CaseUser user, int measureId, int? version, MeasureEffect? effect, string? note, CancellationToken ct = default)
    {
        var measure = await db.Measures.FirstOrDefaultAsync(m => m.Id == measureId, ct);
        if (measure is null || !IsKansli(user, measure.ForbundId)) return CommandResult.NotFound;
        if (version is not null && version != measure.Version) return Conflict;
        if (!measure.IsDone) return CommandResult.Refused("Markera först åtgärden som genomförd; effekten följs upp därefter.");
        if (effect is null) return Refused("Effect", "Välj om åtgärden hade effekt.");
        if (note?.Length > Measure.MaxText) return Refused("Note", $"Skriv högst {Measure.MaxText} tecken.");
        var now = clock.GetUtcNow();
        measure.FollowUp(effect.Value, note, now);
        var problem = measure.SystemicProblemId is { } pid ? await db.SystemicProblems.FirstAsync(p => p.Id == pid, ct) : null;
        problem?.Note(SystemicEventKind.MeasureFollowedUp, user.UserId, measure.ForbundId, $"{measure.Description} – effekt: {effect.Value.DisplayName()}", now);
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, measure.ForbundId, AuditActions.MeasureFollowedUp, await SubjectAsync(measure.CaseId, problem, ct), null, effect.Value.DisplayName()));
        return await SaveAsync(CommandResult.Done($"Du har följt upp åtgärden: effekt {effect.Value.DisplayName().ToLower(Stockholm.Culture)}."), ct);
    }

    /// <summary>Takes the förbund into the joint register, or out of it: its links to other förbund's systemfel leave their views at once.</summary>
    public async Task<CommandResult> ShareAsync(CaseUser user, int forbundId, bool share, CancellationToken ct = default)
    {
        if (!IsKansli(user, forbundId)) return CommandResult.NotFound;
        var forbund = await db.Forbund.FirstAsync(f => f.Id == forbundId, ct);
        if (forbund.SharesSystemicProblems == share) return CommandResult.Refused(share ? "Förbundet deltar redan i det gemensamma registret." : "Förbundet deltar inte i det gemensamma registret.");
        forbund.ShareSystemicProblems(share);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.UserId, forbundId, AuditActions.JointRegisterChanged, forbund.Name, (!share).ToString(), share.ToString()));
        await db.SaveChangesAsync(ct);
        return CommandResult.Done(share
            ? "Förbundet deltar nu i det gemensamma registret. Andra deltagande förbund kan läsa era systemfel, men aldrig ärendenas text eller rapportörer."
            : "Förbundet deltar inte längre i det gemensamma registret. Era systemfel och kopplingar syns inte längre för andra förbund.");
    }

    private static readonly CommandResult Conflict = new(CommandStatus.Conflict, "Någon annan har ändrat det här under tiden. Här är det som det ser ut nu – gör om det du tänkt om det fortfarande behövs.");

    private async Task<CommandResult> SaveAsync(CommandResult done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict;
        }
    }

    private static string Told(int reporters) => reporters switch
    {
        0 => "Ingen rapportör får något meddelande.",
        1 => "Rapportören får ett mejl: ”Det här har hänt sedan du rapporterade”.",
        _ => $"{reporters} rapportörer får ett mejl: ”Det här har hänt sedan du rapporterade”.",
    };

    private Task<List<int>> LinkedCasesAsync(int systemicProblemId, CancellationToken ct) =>
        db.SystemicProblemCases.Where(l => l.SystemicProblemId == systemicProblemId).Select(l => l.CaseId).ToListAsync(ct);

    /// <summary>One ledger line and one mail per case; the mail names only the reporter's own case.</summary>
    private async Task<int> TellReportersAsync(IReadOnlyCollection<int> caseIds, int? measureId, int? systemicProblemId, string text, DateTimeOffset now, CancellationToken ct)
    {
        if (caseIds.Count == 0) return 0;
        var cases = await db.Cases.Where(c => caseIds.Contains(c.Id) && c.GallradAt == null)
            .Select(c => new
            {
                c.Id, c.Reference, c.ForbundId, c.ReporterUserId,
                Forbund = db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Name).First(),
                Email = db.Users.Where(u => u.Id == c.ReporterUserId).Select(u => u.Email).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var c in cases)
        {
            db.CaseImpacts.Add(new CaseImpact(c.Id, measureId, systemicProblemId, text, now));
            db.Outbox.Add(new ImpactMail(c.Email ?? "", c.Forbund, c.Reference ?? "", text, publicUrl.Value.Absolute($"/arenden/{c.Id}"))
                .ToOutbox(now, c.ReporterUserId, c.ForbundId));
        }
        return cases.Count;
    }

    private async Task<string> SubjectAsync(int? caseId, SystemicProblem? problem, CancellationToken ct) =>
        problem is not null ? problem.Title
        : await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).FirstOrDefaultAsync(ct) ?? "";

    /// <summary>The passages of <paramref name="text"/> that identify a person, as errors of <paramref name="field"/>.</summary>
    private static IEnumerable<FieldError> Identifying(string field, string? text) =>
        PersonalDataGuard.Scan(text).Select(hit => new FieldError(field, hit.Message));

    private async Task<CommandResult?> CheckAsync(int forbundId, SystemicInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Title)) errors.Add(new("Title", "Ge systemfelet en rubrik."));
        else if (input.Title.Trim().Length > SystemicProblem.MaxTitle) errors.Add(new("Title", $"Skriv högst {SystemicProblem.MaxTitle} tecken."));
        if (string.IsNullOrWhiteSpace(input.Description)) errors.Add(new("Description", "Beskriv systemfelet."));
        else if (input.Description.Trim().Length > SystemicProblem.MaxDescription) errors.Add(new("Description", $"Skriv högst {SystemicProblem.MaxDescription} tecken."));
        // The title and description reach the BUG's agenda, reporters' mails and other förbund: nothing identifying.
        errors.AddRange(Identifying("Title", input.Title));
        errors.AddRange(Identifying("Description", input.Description));
        if (input.CategoryId is { } cat && !await db.Categories.AnyAsync(k => k.Id == cat && k.ForbundId == forbundId, ct))
            errors.Add(new("CategoryId", "Välj en av förbundets kategorier."));
        var members = await db.ForbundMembers.Where(m => m.ForbundId == forbundId).Select(m => m.OrganisationId).ToListAsync(ct);
        if (input.OwnerOrganisationId is { } owner && !members.Contains(owner))
            errors.Add(new("OwnerOrganisationId", "Välj en av förbundets parter, eller förbundet självt."));
        if (input.PartyIds.Any(p => !members.Contains(p))) errors.Add(new("PartyIds", "Välj bara bland förbundets parter."));
        if ((input.ConflictPartyA is null) != (input.ConflictPartyB is null))
            errors.Add(new(input.ConflictPartyA is null ? "ConflictPartyA" : "ConflictPartyB", "En regelkrock är mellan två parter: välj båda, eller ingen."));
        else if (input.ConflictPartyA is { } a && input.ConflictPartyB is { } b)
        {
            if (a == b) errors.Add(new("ConflictPartyB", "Välj två olika parter för regelkrocken."));
            if (!members.Contains(a)) errors.Add(new("ConflictPartyA", "Välj en av förbundets parter."));
            if (!members.Contains(b)) errors.Add(new("ConflictPartyB", "Välj en av förbundets parter."));
        }
        return errors.Count > 0 ? new CommandResult(CommandStatus.Refused, null, errors) : null;
    }
}
