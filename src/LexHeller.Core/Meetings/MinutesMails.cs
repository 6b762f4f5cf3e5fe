using LexHeller.Core.Notifications;
using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>Asks a chosen justerare to read and confirm the minutes in the app; the mail carries no case text.</summary>
public sealed record JustificationRequestMail(string To, string ForbundName, DateTimeOffset StartsAt, string Url) : MailMessage(To)
{
    public override string Subject => $"Protokollet väntar på din justering – BUG-mötet {Stockholm.FormatDate(StartsAt)}";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Protokollet från beredningsgruppens möte {Stockholm.Format(StartsAt)} väntar på din justering. Du är vald till justerare.",
        "Läs protokollet och justera det i Lex Heller. Du loggar in med ditt eget konto och din tvåstegsverifiering:",
    ];
}
