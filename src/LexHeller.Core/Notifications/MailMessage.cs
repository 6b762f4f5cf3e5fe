using System.Net;

namespace LexHeller.Core.Notifications;

/// <summary>
/// A typed mail. Each concrete message lives next to its feature and writes its own Swedish text;
/// the HTML part is the same paragraphs, encoded, with the link made clickable.
/// </summary>
public abstract record MailMessage(string To)
{
    public abstract string Subject { get; }

    /// <summary>Paragraphs of plain text; the link, if any, is given separately.</summary>
    protected abstract IEnumerable<string> Paragraphs { get; }

    public virtual string? Link => null;

    /// <summary>
    /// Whether the mail goes to a case's reporter because they reported it. Its outbox row then hides the address
    /// and <see cref="Subject"/> from everyone but the förbund's kansli.
    /// </summary>
    public virtual bool RevealsReporter => false;

    /// <summary>The subject as those who may not know the reporter see it: without what names the case.</summary>
    public virtual string NeutralSubject => Subject;

    public virtual string? SenderName => "Lex Heller";

    /// <summary>An iCalendar attachment, for mails about a meeting.</summary>
    public virtual string? Calendar => null;

    /// <summary>
    /// A file sent with the mail. Give every mail of one dispatch the same instance: its rows then share one stored
    /// copy of the file, however many recipients there are.
    /// </summary>
    public MailAttachment? Attachment { get; init; }

    public string TextBody =>
        string.Join("\n\n", Paragraphs.Concat(Link is null ? [] : [Link])) + "\n";

    public virtual string HtmlBody
    {
        get
        {
            var parts = Paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>").ToList();
            if (Link is not null)
            {
                var href = WebUtility.HtmlEncode(Link);
                parts.Add($"<p><a href=\"{href}\">{href}</a></p>");
            }
            return $"<!DOCTYPE html><html lang=\"sv\"><body>{string.Join("", parts)}</body></html>";
        }
    }

    /// <summary>
    /// The row to write. A mail whose text cannot be written becomes a failed row with the reason, so the change
    /// it belongs to still commits and the other mails still flow.
    /// </summary>
    public OutboxMessage ToOutbox(DateTimeOffset now, string? recipientUserId = null, int? forbundId = null, bool digestible = false)
    {
        OutboxMessage row;
        try
        {
            row = new OutboxMessage(To ?? "", SenderName, Subject, TextBody, HtmlBody, now, Calendar, Link);
            if (Attachment is { } file) row.Attach(file);
        }
        catch (Exception e)
        {
            row = OutboxMessage.TemplateFailed(To ?? "", now, e);
        }
        row.For(recipientUserId, forbundId, digestible);
        if (RevealsReporter)
        {
            string neutral;
            try
            {
                neutral = NeutralSubject;
            }
            catch (Exception)
            {
                neutral = row.Subject;
            }
            row.BindToReporter(neutral);
        }
        return row;
    }

    /// <summary>The row for a user, from a recipient found by <see cref="Recipients"/>.</summary>
    public OutboxMessage ToOutbox(DateTimeOffset now, Recipient recipient, int forbundId, bool digestible) =>
        ToOutbox(now, recipient.UserId, forbundId, digestible);
}
