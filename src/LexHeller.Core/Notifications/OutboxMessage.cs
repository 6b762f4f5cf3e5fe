using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Notifications;

/// <summary>
/// A mail waiting to be sent. Requests only write these rows, in the same transaction as the change that
/// calls for them; a background sender delivers them.
/// </summary>
public class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string to, string? senderName, string subject, string textBody, string htmlBody, DateTimeOffset now, string? calendarIcs = null)
    {
        CalendarIcs = calendarIcs;
        To = to;
        SenderName = senderName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string? SenderName { get; private set; }
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    /// <summary>An iCalendar attachment (text/calendar), when the mail is about a meeting.</summary>
    public string? CalendarIcs { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>A sender that claimed the row holds it until then; a crashed sender's lease simply runs out.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }
    public Guid? LeaseOwner { get; private set; }
    /// <summary>Set when the mail will never be sent (a deactivated recipient, an address that cannot be used); the reason is in LastError.</summary>
    public DateTimeOffset? DroppedAt { get; private set; }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        LeasedUntil = null;
    }

    public void MarkDropped(DateTimeOffset now, string reason)
    {
        DroppedAt = now;
        LastError = reason;
        LeasedUntil = null;
    }

    /// <summary>After this many failed attempts (about two days of hourly retries) a mail is given up and kept as failed.</summary>
    public const int MaxAttempts = 48;

    public void MarkFailed(DateTimeOffset now, string error)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Attempts)));
        LeasedUntil = null;
        if (Attempts >= MaxAttempts) DroppedAt = now;
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(o => o.To).HasMaxLength(320).IsRequired();
        b.Property(o => o.SenderName).HasMaxLength(200);
        b.Property(o => o.Subject).HasMaxLength(300).IsRequired();
        b.HasIndex(o => new { o.SentAt, o.NextAttemptAt });
    }
}
