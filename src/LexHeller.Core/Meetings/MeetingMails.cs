using LexHeller.Core.Notifications;
using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>The agenda sent to BUG members when it closes: the meeting and the case references, no case text.</summary>
public sealed record AgendaMail(string To, string ForbundName, DateTimeOffset StartsAt, string? Place, string? VideoLink,
    IReadOnlyList<string> References, string Url, string? Ics = null) : MailMessage(To)
{
    public override string? Calendar => Ics;
    public override string Subject => $"Dagordning för BUG-mötet {Stockholm.Format(StartsAt)}";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Dagordningen för beredningsgruppens möte {Stockholm.Format(StartsAt)} är klar.{(Place is null ? "" : $" Plats: {Place}.")}{(VideoLink is null ? "" : $" Videolänk: {VideoLink}")}",
        References.Count == 0 ? "Inga ärenden står på dagordningen." : $"Ärenden ({References.Count}): {string.Join(", ", References)}",
        "Läs ärendena i Lex Heller före mötet:",
    ];
}

/// <summary>Tells BUG members that a meeting will not take place and that its cases wait for the next one.</summary>
public sealed record MeetingCancelledMail(string To, string ForbundName, DateTimeOffset StartsAt, string Url) : MailMessage(To)
{
    public override string Subject => $"BUG-mötet {Stockholm.Format(StartsAt)} är inställt";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Beredningsgruppens möte {Stockholm.Format(StartsAt)} är inställt. Ärendena på dagordningen tas upp på nästa möte.",
    ];
}
