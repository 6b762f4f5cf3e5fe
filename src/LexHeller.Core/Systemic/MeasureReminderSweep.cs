using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Systemic;

/// <summary>
/// Tells the förbund's kansli once when a measure not done has passed its due date, and once when the follow-up
/// date of a done measure has come, in Stockholm days on the injected clock. Each notice is claimed with a
/// conditional update of the measure (the date it was sent for), so running the sweep twice, or twice at once,
/// sends it once; a measure whose dates change would be told of again for its new date. The claim and the mails of
/// one measure commit in one transaction.
/// </summary>
public sealed class MeasureReminderSweep(LexHellerDb db, TimeProvider clock)
{
    public async Task<(int Overdue, int FollowUps)> RunAsync(string publicUrl, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = Stockholm.Today(now);
        var due = await db.Measures.AsNoTracking()
            .Where(m => (m.DoneAt == null && m.DueDate < today && (m.DueRemindedFor == null || m.DueRemindedFor != m.DueDate))
                || (m.DoneAt != null && m.FollowedUpAt == null && m.FollowUpDate <= today && (m.FollowUpRemindedFor == null || m.FollowUpRemindedFor != m.FollowUpDate)))
            .Select(m => new
            {
                m.Id, m.ForbundId, m.Description, m.DueDate, m.FollowUpDate, Done = m.DoneAt != null,
                Case = db.Cases.Where(c => c.Id == m.CaseId).Select(c => c.Reference).FirstOrDefault(),
                Problem = db.SystemicProblems.Where(p => p.Id == m.SystemicProblemId).Select(p => p.Title).FirstOrDefault(),
            })
            .OrderBy(m => m.Id)
            .ToListAsync(ct);

        int overdue = 0, followUps = 0;
        foreach (var m in due)
        {
            var subject = m.Case ?? $"Systemfel ”{m.Problem}”";
            var url = $"{publicUrl.TrimEnd('/')}/atgarder/{m.Id}";
            string headline, whatToDo;
            // The claim and its mails commit together: a claim never stands without its mail, nor a mail without its claim.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!m.Done)
            {
                var claimed = await db.Measures.Where(x => x.Id == m.Id && x.DoneAt == null && (x.DueRemindedFor == null || x.DueRemindedFor != x.DueDate))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.DueRemindedFor, x => x.DueDate), ct);
                if (claimed != 1) continue;
                headline = $"En åtgärd är försenad (skulle vara genomförd {m.DueDate:yyyy-MM-dd})";
                whatToDo = $"Åtgärd: {m.Description} Markera den som genomförd när den är gjord.";
                overdue++;
            }
            else
            {
                var claimed = await db.Measures.Where(x => x.Id == m.Id && x.FollowedUpAt == null && (x.FollowUpRemindedFor == null || x.FollowUpRemindedFor != x.FollowUpDate))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.FollowUpRemindedFor, x => x.FollowUpDate), ct);
                if (claimed != 1) continue;
                headline = $"Dags att följa upp en åtgärd (uppföljning {m.FollowUpDate:yyyy-MM-dd})";
                whatToDo = $"Åtgärd: {m.Description} Ange om den hade effekt.";
                followUps++;
            }
            var (forbund, kansli) = await Recipients.ForbundKansliAsync(db, m.ForbundId, ct);
            db.Outbox.AddRange(kansli.Select(r => new CaseStepMail(r.Email ?? "", forbund, subject, headline, whatToDo, url)
                .ToOutbox(now, r, m.ForbundId, digestible: true)));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return (overdue, followUps);
    }
}

/// <summary>The daily run of <see cref="MeasureReminderSweep"/>.</summary>
public sealed class MeasureReminderJob(MeasureReminderSweep sweep, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl)
{
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 120)]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct) => await sweep.RunAsync(publicUrl.Value.Base, ct);
}
