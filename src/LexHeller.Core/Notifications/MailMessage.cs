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

    protected virtual string? Link => null;

    public virtual string? SenderName => "Lex Heller";

    /// <summary>An iCalendar attachment, for mails about a meeting.</summary>
    public virtual string? Calendar => null;

    public string TextBody =>
        string.Join("\n\n", Paragraphs.Concat(Link is null ? [] : [Link])) + "\n";

    public string HtmlBody
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

    public OutboxMessage ToOutbox(DateTimeOffset now) => new(To, SenderName, Subject, TextBody, HtmlBody, now, Calendar);
}
