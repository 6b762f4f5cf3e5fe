using LexHeller.Core.Notifications;

namespace LexHeller.Core.Systemic;

/// <summary>
/// Tells a reporter what has changed since they reported: a measure done on their case, or a change to a systemfel
/// their case is linked to. It carries the published words of that measure or systemfel and nothing of any other
/// case. It goes to the reporter as such, so its outbox row hides the reference from all but the kansli.
/// </summary>
public sealed record ImpactMail(string To, string ForbundName, string Reference, string Text, string Url) : MailMessage(To)
{
    public const string Headline = "Det här har hänt sedan du rapporterade";

    public override string Subject => $"{Reference}: {Headline}";
    public override bool RevealsReporter => true;
    public override string NeutralSubject => Headline;
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
        ["Hej!", $"{Headline} ({Reference}):", Text, "Du kan läsa allt som hänt på ditt ärende i Lex Heller:"];
}
