using System.Net;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Notifications;

/// <summary>One digest a day per user and förbund; the row is the claim that makes the sweep safe to run again.</summary>
public class DigestRun
{
    private DigestRun() { }

    public string UserId { get; private set; } = "";
    public int ForbundId { get; private set; }
    public DateOnly Day { get; private set; }
    public long DigestId { get; private set; }
}

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> b)
    {
        b.HasKey(d => new { d.UserId, d.ForbundId, d.Day });
        b.Property(d => d.UserId).HasMaxLength(450);
    }
}

/// <summary>
/// At each förbund's digest time (Stockholm), gathers the case mails waiting for everyone who chose a daily
/// digest into one mail per user. Only mails written before today's digest time are gathered; later ones wait
/// for tomorrow's. Gathering, the digest row and the day's claim are one transaction.
/// </summary>
public sealed class DigestSweep(LexHellerDb db, TimeProvider clock)
{
    public async Task<int> RunAsync(string publicUrl, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = Stockholm.Today(now);
        var made = 0;
        var forbunds = await db.Forbund.AsNoTracking().Select(f => new { f.Id, f.Name, f.DigestTime }).ToListAsync(ct);
        foreach (var f in forbunds)
        {
            var slot = Stockholm.ToUtc(today, f.DigestTime);
            if (slot > now) continue;
            var users = await Waiting(f.Id, slot, now).Select(m => m.RecipientUserId!).Distinct().ToListAsync(ct);
            foreach (var userId in users)
                if (await MakeDigestAsync(userId, f.Id, f.Name, today, slot, now, publicUrl, ct)) made++;
        }
        return made;
    }

    /// <summary>Case mails for digest readers of the förbund, written before the slot, not sent, not leased by a sender.</summary>
    private IQueryable<OutboxMessage> Waiting(int forbundId, DateTimeOffset slot, DateTimeOffset now) => db.Outbox.Where(m =>
        m.ForbundId == forbundId && m.Digestible && m.RecipientUserId != null
        && m.SentAt == null && m.DroppedAt == null && m.DigestId == null && m.CreatedAt <= slot
        && (m.LeasedUntil == null || m.LeasedUntil < now)
        && db.Users.Any(u => u.Id == m.RecipientUserId && u.MailDelivery == MailDelivery.DailyDigest));

    private async Task<bool> MakeDigestAsync(string userId, int forbundId, string forbundName, DateOnly today, DateTimeOffset slot,
        DateTimeOffset now, string publicUrl, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The first statement writes, so SQLite holds the write lock from here: no sender can lease these rows meanwhile.
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"DigestRuns\" (\"UserId\", \"ForbundId\", \"Day\", \"DigestId\") VALUES ({userId}, {forbundId}, {today}, 0) ON CONFLICT DO NOTHING", ct);
        if (claimed == 0) return false;
        var rows = await Waiting(forbundId, slot, now).Where(m => m.RecipientUserId == userId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        if (rows.Count == 0) return false;
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(ct);
        var digest = new DigestMail(email ?? "", forbundName, rows.Select(r => new DigestMail.Item(r.Subject, r.Link)).ToList(), publicUrl)
            .ToOutbox(now, userId, forbundId, digestible: false);
        // A digest that gathers what a reporter is told about their own cases tells who they are as much as those mails.
        if (rows.Any(r => r.ReporterBound)) digest.BindToReporter(digest.Subject);
        db.Outbox.Add(digest);
        await db.SaveChangesAsync(ct);
        foreach (var r in rows) r.MarkDigested(digest.Id);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE \"DigestRuns\" SET \"DigestId\" = {digest.Id} WHERE \"UserId\" = {userId} AND \"ForbundId\" = {forbundId} AND \"Day\" = {today}", ct);
        await tx.CommitAsync(ct);
        return true;
    }
}

/// <summary>The daily digest: the subject and link of each mail gathered, nothing more.</summary>
public sealed record DigestMail(string To, string ForbundName, IReadOnlyList<DigestMail.Item> Items, string PublicUrl) : MailMessage(To)
{
    public sealed record Item(string Subject, string? Link);

    public override string Subject => Items.Count == 1
        ? $"Dagens sammanfattning från Lex Heller: 1 händelse"
        : $"Dagens sammanfattning från Lex Heller: {Items.Count} händelser";

    public override string? SenderName => ForbundName;

    public override string Link => $"{PublicUrl.TrimEnd('/')}/konto";

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Det här har hänt i {ForbundName} sedan förra sammanfattningen:",
        .. Items.Select(i => i.Link is null ? $"• {i.Subject}" : $"• {i.Subject}\n  {i.Link}"),
        "Du får en sammanfattning om dagen eftersom du har valt det. Du kan välja att få varje e-post direkt under Mitt konto:",
    ];

    public override string HtmlBody
    {
        get
        {
            var items = string.Join("", Items.Select(i => i.Link is null
                ? $"<li>{WebUtility.HtmlEncode(i.Subject)}</li>"
                : $"<li><a href=\"{WebUtility.HtmlEncode(i.Link)}\">{WebUtility.HtmlEncode(i.Subject)}</a></li>"));
            var account = WebUtility.HtmlEncode(Link);
            return "<!DOCTYPE html><html lang=\"sv\"><body>"
                + $"<p>Hej!</p><p>Det här har hänt i {WebUtility.HtmlEncode(ForbundName)} sedan förra sammanfattningen:</p><ul>{items}</ul>"
                + $"<p>Du får en sammanfattning om dagen eftersom du har valt det. Du kan välja att få varje e-post direkt under <a href=\"{account}\">Mitt konto</a>.</p>"
                + "</body></html>";
        }
    }
}

/// <summary>The recurring job around <see cref="DigestSweep"/>.</summary>
public sealed class DigestJob(DigestSweep sweep, Microsoft.Extensions.Options.IOptions<Time.PublicUrlOptions> publicUrl)
{
    [Hangfire.AutomaticRetry(Attempts = 3)]
    public Task<int> RunAsync(CancellationToken ct) =>
        sweep.RunAsync(publicUrl.Value.Base, ct);
}
