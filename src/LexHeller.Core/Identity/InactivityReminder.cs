using Hangfire;
using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Identity;

/// <summary>The kansli's monthly reminder that some accounts of the förbund have not been used for a long time.</summary>
public sealed record InactiveAccountsMail(string To, string ForbundName, int Accounts, int Days, string Url) : MailMessage(To)
{
    public override string Subject =>
        $"{Swedish.Count(Accounts, "konto", "konton")} i {ForbundName} har inte loggat in på {Days} dagar";

    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"{Subject}.",
        "Den som har slutat eller bytt uppdrag ska inte längre kunna logga in. Gå igenom listan och inaktivera rollerna för dem som inte längre behöver Lex Heller. Den som fortfarande behöver sitt konto försvinner från listan när hen loggar in.",
    ];
}

/// <summary>
/// Mails each förbund's active kansli members how many of its accounts have been away longer than the configured
/// period, with a link to the list, when there are any. At most once per förbund and calendar month (Stockholm):
/// the reminder's own outbox rows, which are kept, are the record that it went out, so running the sweep again,
/// after a restart or a retry, sends nothing more that month.
/// </summary>
public sealed class InactivityReminder(LexHellerDb db, InactiveMemberships inactive, TimeProvider clock)
{
    /// <summary>The list the mail links to; also how the month's reminder is recognised in the outbox.</summary>
    public const string PagePath = "/anvandare/inaktiva";

    /// <summary>Returns how many förbund were reminded.</summary>
    public async Task<int> RunAsync(string publicUrl, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = Stockholm.Today(now);
        var monthStart = Stockholm.ToUtc(new DateOnly(today.Year, today.Month, 1), TimeOnly.MinValue);
        var url = publicUrl.TrimEnd('/') + PagePath;
        var forbund = await db.Forbund.AsNoTracking().OrderBy(f => f.Id).Select(f => new { f.Id, f.Name }).ToListAsync(ct);

        var reminded = 0;
        foreach (var f in forbund)
        {
            var sent = await db.Outbox.AnyAsync(o => o.ForbundId == f.Id && o.CreatedAt >= monthStart && o.Link != null && o.Link.EndsWith(PagePath), ct);
            if (sent) continue;
            var accounts = await inactive.CountAccountsAsync(f.Id, ct);
            if (accounts == 0) continue;
            var kansli = await db.Memberships.AsNoTracking()
                .Where(m => m.ForbundId == f.Id && m.IsActive && m.Role == MembershipRole.Kansli)
                .Select(m => new Recipient(m.UserId, m.User.Email)).Distinct().ToListAsync(ct);
            if (kansli.Count == 0) continue;
            db.Outbox.AddRange(kansli.OrderBy(r => r.Email, StringComparer.Ordinal)
                .Select(r => new InactiveAccountsMail(r.Email ?? "", f.Name, accounts, inactive.Days, url).ToOutbox(now, r.UserId, f.Id)));
            await db.SaveChangesAsync(ct);
            reminded++;
        }
        return reminded;
    }
}

/// <summary>The recurring job around <see cref="InactivityReminder"/>; safe to run again, so retries are allowed.</summary>
public sealed class InactivityReminderJob(InactivityReminder reminder, IOptions<PublicUrlOptions> publicUrl)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct) =>
        await reminder.RunAsync(publicUrl.Value.Base, ct);
}
