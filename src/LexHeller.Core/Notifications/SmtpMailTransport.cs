using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace LexHeller.Core.Notifications;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "lexheller@localhost";
}

/// <summary>Sends one message over SMTP with MailKit, as plain text and HTML.</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(message.SenderName ?? "Lex Heller", o.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.MessageKey}@{o.From.Split('@').Last()}";
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.CalendarIcs is { } ics)
        {
            var calendar = body.Attachments.Add("mote.ics", System.Text.Encoding.UTF8.GetBytes(ics), new ContentType("text", "calendar"));
            // The part's method must be the calendar's own, or a mail client will not take a REQUEST or CANCEL as an update.
            calendar.ContentType.Parameters.Add("method", CalendarMethod(ics));
            calendar.ContentType.Charset = "utf-8";
        }
        if (message.Attachment is { } file)
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        mime.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        var security = o.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Smtp:Host saknas."), o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }

    private static string CalendarMethod(string ics) =>
        Regex.Match(ics, @"^METHOD:(\w+)", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : "PUBLISH";
}
