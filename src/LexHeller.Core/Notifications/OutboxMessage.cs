using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Notifications;

/// <summary>Where a mail stands, as shown on the administrator's Utskick page.</summary>
public enum OutboxStatus { Waiting, Retrying, Sent, InDigest, Failed }

/// <summary>
/// A mail waiting to be sent. Requests only write these rows, in the same transaction as the change that
/// calls for them; a background sender delivers them. The delivery state lives here, not in a job: the lease,
/// the attempts, the next attempt, the hand-over to the mail server and the stable Message-Id.
/// </summary>
public class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string to, string? senderName, string subject, string textBody, string htmlBody, DateTimeOffset now,
        string? calendarIcs = null, string? link = null)
    {
        CalendarIcs = calendarIcs;
        To = to;
        SenderName = senderName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        Link = link;
        CreatedAt = now;
        NextAttemptAt = now;
        MessageKey = Guid.NewGuid().ToString("N");
    }

    /// <summary>A mail whose text could not be written: kept, failed, with the reason, so the change it belongs to still commits.</summary>
    public static OutboxMessage TemplateFailed(string to, DateTimeOffset now, Exception error)
    {
        var message = new OutboxMessage(to, null, "(mallen kunde inte fyllas i)", "", "", now);
        message.DroppedAt = now;
        message.LastError = Shorten($"Mallfel: {error.GetType().Name}: {error.Message}");
        return message;
    }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    /// <summary>The user the mail is for, when it is for a user (an invitation may go to an address only).</summary>
    public string? RecipientUserId { get; private set; }
    /// <summary>The förbund the mail is about; a daily digest is made per förbund at its digest time.</summary>
    public int? ForbundId { get; private set; }
    /// <summary>Whether the mail may wait for the recipient's daily digest. Invitations, resets and 2FA mails may not.</summary>
    public bool Digestible { get; private set; }
    public string? SenderName { get; private set; }
    public string Subject { get; private set; } = "";
    /// <summary>
    /// The mail goes to a case's reporter because they reported it, so its address and subject together tell who
    /// reported the case: only the förbund's kansli may see them. Everyone else sees "Rapportören" and
    /// <see cref="NeutralSubject"/>.
    /// </summary>
    public bool ReporterBound { get; private set; }
    /// <summary>The subject without the case's reference, for a <see cref="ReporterBound"/> mail.</summary>
    public string? NeutralSubject { get; private set; }
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    /// <summary>The link the mail points to, repeated in a digest.</summary>
    public string? Link { get; private set; }
    /// <summary>An iCalendar attachment (text/calendar), when the mail is about a meeting.</summary>
    public string? CalendarIcs { get; private set; }
    /// <summary>A file sent with the mail (e.g. the agenda as PDF), stored once however many mails carry it.</summary>
    public long? AttachmentId { get; private set; }
    /// <summary>Fixed when the row is written, so a mail sent again after a crash carries the same Message-Id.</summary>
    public string MessageKey { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>A sender that claimed the row holds it until then; a crashed sender's lease simply runs out.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }
    public Guid? LeaseOwner { get; private set; }
    /// <summary>Committed just before the mail is handed to the SMTP server; set without <see cref="SentAt"/> it means the outcome is unknown.</summary>
    public DateTimeOffset? HandedOverAt { get; private set; }
    /// <summary>How many times the mail was handed to the server; above one only after a crash in the residual window (or a failed attempt).</summary>
    public int HandOvers { get; private set; }
    /// <summary>Set when the mail will not be sent (a deactivated recipient, an address that cannot be used, a permanent refusal, too many attempts); the reason is in LastError.</summary>
    public DateTimeOffset? DroppedAt { get; private set; }
    /// <summary>The digest mail this one was gathered into.</summary>
    public long? DigestId { get; private set; }

    public OutboxStatus Status =>
        SentAt is not null ? OutboxStatus.Sent
        : DigestId is not null ? OutboxStatus.InDigest
        : DroppedAt is not null ? OutboxStatus.Failed
        : Attempts > 0 ? OutboxStatus.Retrying
        : OutboxStatus.Waiting;

    public OutboxMessage For(string? recipientUserId, int? forbundId, bool digestible)
    {
        RecipientUserId = recipientUserId;
        ForbundId = forbundId;
        Digestible = digestible;
        return this;
    }

    /// <summary>Sends <paramref name="attachment"/> with the mail (the same row may be shared by many mails).</summary>
    public OutboxMessage Attach(MailAttachment attachment)
    {
        Attachment = attachment;
        return this;
    }

    public MailAttachment? Attachment { get; private set; }

    /// <summary>Marks the mail as one that tells who reported a case; <paramref name="neutralSubject"/> is what others may read of its subject.</summary>
    public OutboxMessage BindToReporter(string neutralSubject)
    {
        ReporterBound = true;
        NeutralSubject = neutralSubject.Length > 300 ? neutralSubject[..300] : neutralSubject;
        return this;
    }

    public void BeginHandOver(DateTimeOffset now)
    {
        HandedOverAt = now;
        HandOvers++;
    }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        LeasedUntil = null;
    }

    public void MarkDropped(DateTimeOffset now, string reason)
    {
        DroppedAt = now;
        LastError = Shorten(reason);
        LeasedUntil = null;
    }

    /// <summary>After this many failed attempts (about two days of hourly retries) a mail is given up and kept as failed.</summary>
    public const int MaxAttempts = 48;

    /// <summary>A temporary failure: tried again after 2, 4, 8 … minutes, at most an hour apart.</summary>
    public void MarkFailed(DateTimeOffset now, string error)
    {
        Attempts++;
        LastError = Shorten(error);
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Attempts)));
        LeasedUntil = null;
        if (Attempts >= MaxAttempts) DroppedAt = now;
    }

    /// <summary>A refusal that will not change by waiting (an unknown mailbox): failed at once.</summary>
    public void MarkFailedPermanently(DateTimeOffset now, string error)
    {
        Attempts++;
        MarkDropped(now, error);
    }

    public void MarkDigested(long digestId) => DigestId = digestId;

    /// <summary>The administrator's "Skicka igen": a failed mail is queued anew with fresh attempts.</summary>
    public bool Requeue(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed) return false;
        DroppedAt = null;
        Attempts = 0;
        NextAttemptAt = now;
        LeasedUntil = null;
        return true;
    }

    private static string Shorten(string text) => text.Length > 500 ? text[..500] : text;
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.Property(o => o.To).HasMaxLength(320).IsRequired();
        b.Property(o => o.SenderName).HasMaxLength(200);
        b.Property(o => o.Subject).HasMaxLength(300).IsRequired();
        b.Property(o => o.NeutralSubject).HasMaxLength(300);
        b.Property(o => o.Link).HasMaxLength(500);
        b.Property(o => o.MessageKey).HasMaxLength(32).IsRequired();
        b.Property(o => o.RecipientUserId).HasMaxLength(450);
        b.Ignore(o => o.Status);
        b.HasOne(o => o.Attachment).WithMany().HasForeignKey(o => o.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.SentAt, o.NextAttemptAt });
        b.HasIndex(o => new { o.RecipientUserId, o.ForbundId });
        b.HasIndex(o => o.CreatedAt);
    }
}

/// <summary>A file attached to one or more mails.</summary>
public class MailAttachment
{
    private MailAttachment() { }

    public MailAttachment(string fileName, string contentType, byte[] content, DateTimeOffset now)
    {
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class MailAttachmentConfiguration : IEntityTypeConfiguration<MailAttachment>
{
    public void Configure(EntityTypeBuilder<MailAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
    }
}
