using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Notifications;

/// <summary>
/// Reminds the BUG members of a party three days before its answer is due, and tells the kansli when an answer
/// is overdue – once, then weekly. Each notice is claimed with a conditional update, so running the sweep twice,
/// or twice at once, sends it once.
/// </summary>
public sealed class ReferralReminderSweep(LexHellerDb db, TimeProvider clock)
{
    public const int RemindDaysBefore = 3;
    public static readonly TimeSpan OverdueRepeat = TimeSpan.FromDays(7);

    public async Task<(int Reminders, int Overdue)> RunAsync(string publicUrl, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = Stockholm.Today(now);
        var remindBy = today.AddDays(RemindDaysBefore);
        var repeatBefore = now - OverdueRepeat;

        var due = await db.CaseReferrals
            .Where(r => r.Status == ReferralStatus.Pending && r.DueDate <= remindBy
                && db.Cases.Any(c => c.Id == r.CaseId && c.State == CaseState.RemitteradTillPart))
            .Select(r => new
            {
                r.Id, r.OrganisationId, r.DueDate, r.ReminderSentAt, r.OverdueNotifiedAt,
                Case = db.Cases.Where(c => c.Id == r.CaseId).Select(c => new { c.Reference, c.ForbundId }).First(),
                Organisation = db.Organisations.Where(o => o.Id == r.OrganisationId).Select(o => o.Name).First(),
            })
            .ToListAsync(ct);
        var forbundNames = await db.Forbund.ToDictionaryAsync(f => f.Id, f => f.Name, ct);

        int reminders = 0, overdue = 0;
        foreach (var r in due)
        {
            var info = new { r.Case.Reference, r.Case.ForbundId, Forbund = forbundNames[r.Case.ForbundId] };
            var url = $"{publicUrl.TrimEnd('/')}/arenden/ref/{info.Reference}";
            var organisation = r.Organisation;
            // The claim and its mails commit together: a claim never stands without its mail, nor a mail without its claim.
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            if (r.DueDate >= today && r.ReminderSentAt is null && await ClaimAsync(r.Id, x => x.ReminderSentAt == null, now, reminder: true, ct))
            {
                var to = await Recipients.BugMembersOfAsync(db, info.ForbundId, [r.OrganisationId], ct);
                db.Outbox.AddRange(to.Select(recipient => new CaseStepMail(recipient.Email ?? "", info.Forbund, info.Reference!, $"Påminnelse: {organisation} ska svara senast {r.DueDate:yyyy-MM-dd}",
                    "Skriv organisationens svar under Att besvara.", url).ToOutbox(now, recipient, info.ForbundId, digestible: true)));
                reminders++;
            }
            if (r.DueDate < today && (r.OverdueNotifiedAt is null || r.OverdueNotifiedAt <= repeatBefore)
                && await ClaimAsync(r.Id, x => x.OverdueNotifiedAt == null || x.OverdueNotifiedAt <= repeatBefore, now, reminder: false, ct))
            {
                var to = await Recipients.KansliAsync(db, info.ForbundId, ct);
                db.Outbox.AddRange(to.Select(recipient => new CaseStepMail(recipient.Email ?? "", info.Forbund, info.Reference!, $"Svaret från {organisation} är försenat",
                    $"Svaret skulle ha lämnats senast {r.DueDate:yyyy-MM-dd}. Påminn parten eller avsluta remissen.", url).ToOutbox(now, recipient, info.ForbundId, digestible: true)));
                overdue++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return (reminders, overdue);
    }

    private async Task<bool> ClaimAsync(int referralId, System.Linq.Expressions.Expression<Func<CaseReferral, bool>> unclaimed, DateTimeOffset now, bool reminder, CancellationToken ct)
    {
        var query = db.CaseReferrals.Where(x => x.Id == referralId).Where(unclaimed);
        var claimed = reminder
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(x => x.ReminderSentAt, now), ct)
            : await query.ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueNotifiedAt, now), ct);
        return claimed == 1;
    }
}
