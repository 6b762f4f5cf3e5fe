using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Retention;

/// <summary>
/// The kansli's actions on gallring, one method each, each audited and committed once: the förbund's retention
/// periods, holding a case past its date with a reason, and releasing the hold so the next night gallrar it.
/// </summary>
public sealed class RetentionCommands(LexHellerDb db, TimeProvider clock, WriteGate gate)
{
    public const string ReasonField = "Reason";

    /// <summary>Saves the förbund's periods; each is checked against its field, as the rules page names them.</summary>
    public async Task<CommandResult> SaveRulesAsync(string userId, int forbundId, RetentionPeriods p, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        Years(nameof(p.ConcludedYears), p.ConcludedYears, "avslutade ärenden");
        Years(nameof(p.ClosedYears), p.ClosedYears, "avvisade och återkallade ärenden");
        Days(nameof(p.DraftDays), p.DraftDays, "utkast");
        Years(nameof(p.AccessLogYears), p.AccessLogYears, "behandlingshistoriken");
        Days(nameof(p.OutboxDays), p.OutboxDays, "skickad e-post");
        if (errors.Count > 0) return CommandResult.Refused(null, [.. errors]);

        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rule = await db.RetentionRules.AsTracking().FirstOrDefaultAsync(r => r.ForbundId == forbundId, ct);
        var before = rule?.Periods ?? RetentionPeriods.Defaults;
        if (rule is not null && before == p) return CommandResult.Done("Gallringsreglerna var redan sparade så. Inget är ändrat.");
        if (rule is null) db.RetentionRules.Add(rule = new RetentionRule(forbundId));
        var now = clock.GetUtcNow();
        rule.Set(p, userId, now);
        db.AuditEntries.Add(new AuditEntry(now, userId, forbundId, AuditActions.RetentionRulesChanged, "Gallringsregler", Describe(before), Describe(p)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return CommandResult.Done("Gallringsreglerna är sparade. De gäller från och med nästa natts gallring.");

        void Years(string field, int value, string what)
        {
            if (value < 1 || value > RetentionPeriods.MaxYears)
                errors.Add(new FieldError(field, $"Ange hur många år {what} ska sparas, ett helt antal mellan 1 och {RetentionPeriods.MaxYears}."));
        }

        void Days(string field, int value, string what)
        {
            if (value < 1 || value > RetentionPeriods.MaxDays)
                errors.Add(new FieldError(field, $"Ange hur många dagar {what} ska sparas, ett helt antal mellan 1 och {RetentionPeriods.MaxDays}."));
        }
    }

    /// <summary>Keeps a submitted case of the förbund past its gallring date until the hold is released.</summary>
    public async Task<CommandResult> HoldAsync(string userId, int forbundId, int caseId, string? reason, CancellationToken ct = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null) return CommandResult.Refused(null, new FieldError(ReasonField, "Skriv varför ärendet ska sparas längre."));
        if (reason.Length > RetentionHold.ReasonMax)
            return CommandResult.Refused(null, new FieldError(ReasonField, $"Skälet får vara högst {RetentionHold.ReasonMax} tecken."));
        var names = PersonalDataSummary.PerField([(ReasonField, PersonalDataGuard.ScanIncludingNames(reason))]);
        if (names.Count > 0) return CommandResult.Refused(null, new FieldError(ReasonField, names[ReasonField]));

        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await db.Cases.Where(x => x.Id == caseId && x.ForbundId == forbundId).Select(x => new { x.Reference, x.GallradAt }).FirstOrDefaultAsync(ct);
        if (c?.Reference is null) return CommandResult.NotFound;
        if (c.GallradAt is not null) return CommandResult.Refused($"Ärende {c.Reference} är redan gallrat.");
        if (await db.RetentionHolds.AnyAsync(h => h.CaseId == caseId, ct)) return CommandResult.Refused($"Ärende {c.Reference} hålls redan kvar.");
        var now = clock.GetUtcNow();
        db.RetentionHolds.Add(new RetentionHold(caseId, reason, userId, now));
        db.AuditEntries.Add(new AuditEntry(now, userId, forbundId, AuditActions.GallringHeld, c.Reference, null, reason));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return CommandResult.Done($"Ärende {c.Reference} hålls kvar och gallras inte förrän du släpper det.");
    }

    /// <summary>Releases a hold: the case is gallrad the next night if its date has passed.</summary>
    public async Task<CommandResult> ReleaseAsync(string userId, int forbundId, int caseId, CancellationToken ct = default)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var reference = await db.Cases.Where(x => x.Id == caseId && x.ForbundId == forbundId).Select(x => x.Reference).FirstOrDefaultAsync(ct);
        var hold = reference is null ? null : await db.RetentionHolds.AsTracking().FirstOrDefaultAsync(h => h.CaseId == caseId, ct);
        if (reference is null || hold is null) return CommandResult.NotFound;
        var now = clock.GetUtcNow();
        db.RetentionHolds.Remove(hold);
        db.AuditEntries.Add(new AuditEntry(now, userId, forbundId, AuditActions.GallringReleased, reference, hold.Reason, null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return CommandResult.Done($"Ärende {reference} hålls inte längre kvar. Det gallras natten efter sitt gallringsdatum.");
    }

    private static string Describe(RetentionPeriods p) =>
        $"Avslutade {p.ConcludedYears} år, avvisade och återkallade {p.ClosedYears} år, utkast {p.DraftDays} dagar, " +
        $"behandlingshistorik {p.AccessLogYears} år, skickad e-post {p.OutboxDays} dagar";
}
