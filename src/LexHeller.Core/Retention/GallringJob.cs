using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LexHeller.Core.Retention;

/// <summary>What one night's gallring did.</summary>
public sealed record GallringRun(int Gallrad, int Refused, int AccessLogRows, int OutboxRows);

/// <summary>
/// The nightly gallring under each förbund's retention rule (<see cref="RetentionSchedule"/>), on the app's clock:
/// <list type="number">
/// <item>Every case due today that nothing holds back is gallrad in a transaction of its own: its texts, its
/// timeline's comments, questions and answers, the parties' answers, the words of its meeting decisions and the
/// names the reporter confirmed are deleted, and one audit row (no text) says so. A draft, never an allmän handling,
/// is deleted whole. A fault in one case leaves that case untouched and the ones before it done; the next night
/// starts over with what is left.</item>
/// <item>A case held by the kansli, on the agenda of a meeting not yet closed, or with a party's answer still
/// outstanding is skipped with a log line; the kansli sees the same reason on the list.</item>
/// <item>Access-log rows and sent mail older than their periods are deleted. This is the only code that deletes
/// access-log rows (an architecture test holds every other file to appending).</item>
/// <item>The search index is merged so the deleted words leave its storage, and the WAL is checkpointed into the
/// database file, whose freed pages secure_delete has zeroed; so no VACUUM is needed to make the text unreadable,
/// and none is run: it would rewrite the whole file under the write lock every night for space alone.</item>
/// </list>
/// Safe to run twice: a gallrad case is no longer due.
/// </summary>
public sealed class GallringJob(LexHellerDb db, RetentionSchedule schedule, TimeProvider clock, WriteGate gate, ILogger<GallringJob> log)
{
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<GallringRun> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Stockholm.Today(now);
        int gallrad = 0, refused = 0, accessLogRows = 0, outboxRows = 0;
        try
        {
            foreach (var forbundId in await db.Forbund.OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct))
            {
                foreach (var due in await schedule.DueAsync(forbundId, today, ct))
                {
                    if (due.Refusal is { } why)
                    {
                        log.LogInformation("Gallring skipped case {CaseId} ({Reference}): {Reason}", due.CaseId, due.Reference, why);
                        refused++;
                        continue;
                    }
                    if (await GallraAsync(due.CaseId, today, now, ct)) gallrad++;
                }
                var periods = await schedule.PeriodsAsync(forbundId, ct);
                accessLogRows += await DeleteAccessLogAsync(forbundId, Stockholm.ToUtc(today.AddYears(-periods.AccessLogYears), TimeOnly.MinValue), ct);
                outboxRows += await DeleteSentMailAsync(forbundId, now.AddDays(-periods.OutboxDays), ct);
            }
            // Rows of no förbund (an administrator's reads, mail to no förbund) keep the default periods.
            var defaults = RetentionPeriods.Defaults;
            accessLogRows += await DeleteAccessLogAsync(null, Stockholm.ToUtc(today.AddYears(-defaults.AccessLogYears), TimeOnly.MinValue), ct);
            outboxRows += await DeleteSentMailAsync(null, now.AddDays(-defaults.OutboxDays), ct);
        }
        finally
        {
            // Also after a fault: what was gallrad before it must leave the index and the log all the same.
            if (gallrad > 0 || accessLogRows > 0 || outboxRows > 0) await PurgeAsync(gallrad > 0);
        }
        log.LogInformation("Gallring done: {Gallrad} cases gallrad, {Refused} refused, {AccessLog} access-log rows and {Outbox} sent mails deleted",
            gallrad, refused, accessLogRows, outboxRows);
        return new GallringRun(gallrad, refused, accessLogRows, outboxRows);
    }

    /// <summary>One case, in one transaction: checked again inside it, so a hold made meanwhile is kept.</summary>
    private async Task<bool> GallraAsync(int caseId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var due = await schedule.DueCaseAsync(caseId, today, ct);
            if (due is null || due.Refusal is not null) return false;
            var c = await db.Cases.AsTracking()
                .Include(x => x.Parties).Include(x => x.RuleConflicts).Include(x => x.Questions).Include(x => x.Referrals)
                .AsSplitQuery()
                .SingleAsync(x => x.Id == caseId, ct);
            var subject = c.Reference ?? $"Utkast {c.Id}";
            if (c.IsDraft)
                db.Cases.Remove(c);
            else
            {
                var history = await db.CaseEvents.AsTracking().Where(e => e.CaseId == caseId).ToListAsync(ct);
                c.Gallra(history, now);
                foreach (var item in await db.AgendaItems.AsTracking().Where(i => i.CaseId == caseId).ToListAsync(ct)) item.ForgetText();
                db.CaseNameConfirmations.RemoveRange(await db.CaseNameConfirmations.AsTracking().Where(n => n.CaseId == caseId).ToListAsync(ct));
                // The kansli's words about the case go with its text: its measures, its impact ledger, its links to
                // other cases and the parties' approvals. Its link to a systemfel stays, so the systemfel keeps its count.
                await db.CaseImpacts.Where(i => i.CaseId == caseId).ExecuteDeleteAsync(ct);
                await db.Measures.Where(m => m.CaseId == caseId).ExecuteDeleteAsync(ct);
                await db.CaseLinks.Where(l => l.CaseId == caseId || l.OtherCaseId == caseId).ExecuteDeleteAsync(ct);
                await db.PublicationApprovals.Where(a => a.CaseId == caseId).ExecuteDeleteAsync(ct);
            }
            db.AuditEntries.Add(new AuditEntry(now, null, c.ForbundId, AuditActions.CaseGallrad, subject, null, null));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The access log of the förbund (null: of no förbund) and the log of API calls made with its keys (null: with a
    /// key for every förbund, or with none), under the same period.
    /// </summary>
    private async Task<int> DeleteAccessLogAsync(int? forbundId, DateTimeOffset before, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        var reads = await db.AccessLog.Where(a => a.ForbundId == forbundId && a.At < before).ExecuteDeleteAsync(ct);
        var calls = forbundId is null
            ? db.ApiCalls.Where(c => c.ApiKeyId == null || db.ApiKeys.Any(k => k.Id == c.ApiKeyId && k.ForbundId == null))
            : db.ApiCalls.Where(c => db.ApiKeys.Any(k => k.Id == c.ApiKeyId && k.ForbundId == forbundId));
        return reads + await calls.Where(c => c.At < before).ExecuteDeleteAsync(ct);
    }

    private async Task<int> DeleteSentMailAsync(int? forbundId, DateTimeOffset sentBefore, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Outbox.Where(o => o.ForbundId == forbundId && o.SentAt != null && o.SentAt < sentBefore).ExecuteDeleteAsync(ct);
        // An attachment goes with the last mail that carried it; a newer one may still be waiting for its mail.
        if (deleted > 0)
            await db.MailAttachments.Where(a => a.CreatedAt < sentBefore && !db.Outbox.Any(o => o.AttachmentId == a.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>
    /// Merges the search index once for the night rather than per case (each merge rewrites the index), then
    /// checkpoints; neither can be undone by a later fault, and both are harmless to repeat.
    /// </summary>
    private async Task PurgeAsync(bool index)
    {
        using var _ = await gate.EnterAsync(CancellationToken.None);
        if (index) await CaseSearch.OptimizeAsync(db, CancellationToken.None);
        await CaseSearch.CheckpointAsync(db, CancellationToken.None);
    }
}
