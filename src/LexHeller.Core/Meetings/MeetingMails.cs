using LexHeller.Core.Notifications;
using LexHeller.Core.Time;

namespace LexHeller.Core.Meetings;

/// <summary>
/// The agenda sent to BUG members when it goes out: the meeting, the case references in agenda order (no case text)
/// and the free items by kind and title.
/// </summary>
public sealed record AgendaMail(string To, string ForbundName, DateTimeOffset StartsAt, string? Place, string? VideoLink,
    IReadOnlyList<string> References, string Url, string? Ics = null, IReadOnlyList<string>? OtherItems = null) : MailMessage(To)
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
        .. (OtherItems is { Count: > 0 } other ? [$"Övriga punkter: {string.Join("; ", other)}"] : Array.Empty<string>()),
        .. (Attachment is null ? Array.Empty<string>() : ["Dagordningen finns också som PDF-fil i brevet."]),
        "Läs ärendena i Lex Heller före mötet:",
    ];
}

/// <summary>What happened to an agenda the members already have.</summary>
public enum AgendaChange
{
    /// <summary>An item was added after the agenda went out (for a case: an "extra ärende").</summary>
    Added,
    /// <summary>An item was withdrawn after the agenda went out.</summary>
    Withdrawn,
    /// <summary>A case on the agenda that went out was settled before the meeting (concluded, referred ...).</summary>
    Settled,
}

/// <summary>
/// One change to an agenda that has gone out, and only that change: an item added or withdrawn. A case is named by
/// its reference only, as on the agenda.
/// </summary>
public sealed record AgendaChangeMail(string To, string ForbundName, DateTimeOffset StartsAt, AgendaChange Change, string What, bool IsCase, string Url)
    : MailMessage(To)
{
    public override string Subject => Change switch
    {
        AgendaChange.Added => $"Tillägg till dagordningen för BUG-mötet {Stockholm.Format(StartsAt)}",
        AgendaChange.Withdrawn or AgendaChange.Settled => $"Punkt struken från dagordningen för BUG-mötet {Stockholm.Format(StartsAt)}",
    };
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        Change switch
        {
            AgendaChange.Added when IsCase => $"Ett extra ärende har lagts till på dagordningen för beredningsgruppens möte {Stockholm.Format(StartsAt)}: {What}.",
            AgendaChange.Added => $"En punkt har lagts till på dagordningen för beredningsgruppens möte {Stockholm.Format(StartsAt)}: {What}.",
            AgendaChange.Withdrawn when IsCase => $"Ärende {What} har strukits från dagordningen för beredningsgruppens möte {Stockholm.Format(StartsAt)}. Det tas upp på ett senare möte.",
            AgendaChange.Withdrawn => $"Punkten {What} har strukits från dagordningen för beredningsgruppens möte {Stockholm.Format(StartsAt)}.",
            AgendaChange.Settled => $"Ärende {What} avgjordes före beredningsgruppens möte {Stockholm.Format(StartsAt)} och har strukits från dagordningen.",
        },
        "Resten av dagordningen är oförändrad. Mötet i Lex Heller:",
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
