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
        .. (Attachment is null ? Array.Empty<string>() : ["Dagordningen finns också som PDF-fil i brevet."]),
        "Läs ärendena i Lex Heller före mötet:",
    ];
}

/// <summary>Tells BUG members that a meeting will not take place and that its cases wait for the next one.</summary>
/// <remarks><paramref name="Ics"/> takes the meeting out of the calendars of members who got it with the agenda.</remarks>
public sealed record MeetingCancelledMail(string To, string ForbundName, DateTimeOffset StartsAt, string Url, string? Ics = null) : MailMessage(To)
{
    public override string? Calendar => Ics;
    public override string Subject => $"BUG-mötet {Stockholm.Format(StartsAt)} är inställt";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Beredningsgruppens möte {Stockholm.Format(StartsAt)} är inställt. Ärendena på dagordningen tas upp på nästa möte.",
    ];
}

/// <summary>Tells BUG members who have the agenda that the meeting has a new time or place; the calendar event is updated.</summary>
public sealed record MeetingMovedMail(string To, string ForbundName, DateTimeOffset From, DateTimeOffset StartsAt, string? Place, string? VideoLink,
    string Url, string Ics) : MailMessage(To)
{
    public override string? Calendar => Ics;
    public override string Subject => $"BUG-mötet {Stockholm.Format(From)} är flyttat";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        From == StartsAt
            ? $"Beredningsgruppens möte {Stockholm.Format(StartsAt)} har fått en ny plats."
            : $"Beredningsgruppens möte {Stockholm.Format(From)} är flyttat till {Stockholm.Format(StartsAt)}.",
        $"{(Place is null ? "" : $"Plats: {Place}.")}{(Place is not null && VideoLink is not null ? " " : "")}{(VideoLink is null ? "" : $"Videolänk: {VideoLink}")}",
        "Kalenderhändelsen i det här brevet ersätter den du fick med dagordningen. Dagordningen är densamma:",
    ];
}
