using LexHeller.Core.Cases;

namespace LexHeller.Core.Notifications;

/// <summary>
/// A mail about a case that asks someone to act or tells them what happened. It carries the reference, the step
/// and a link – never the case's text or who reported it. <paramref name="ToReporter"/> when it goes to the case's
/// reporter as such: its address next to the reference would tell who reported the case.
/// </summary>
public sealed record CaseStepMail(string To, string ForbundName, string Reference, string Headline, string WhatToDo, string Url,
    bool ToReporter = false) : MailMessage(To)
{
    public override string Subject => $"{Reference}: {Headline}";
    public override bool RevealsReporter => ToReporter;
    public override string NeutralSubject => Headline;
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs => ["Hej!", $"{Headline} ({Reference}).", WhatToDo, "Öppna ärendet i Lex Heller:"];
}
