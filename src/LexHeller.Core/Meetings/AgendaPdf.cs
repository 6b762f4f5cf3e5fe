using LexHeller.Core.Documents;
using LexHeller.Core.Time;
using PdfSharp.Pdf;

namespace LexHeller.Core.Meetings;

/// <summary>One line of the agenda: a case by its reference and category, or a free item by its title.</summary>
public sealed record AgendaEntry(AgendaItemKind Kind, string Text, string? Category, bool Late);

/// <summary>What the agenda PDF prints: the meeting and its items in order; no case text and no reporter.</summary>
public sealed record AgendaContent(string ForbundName, DateTimeOffset StartsAt, string? Place, string? VideoLink, IReadOnlyList<AgendaEntry> Items);

/// <summary>The agenda (dagordning) of a BUG meeting as a Swedish PDF, attached to the mail that sends it out.</summary>
public static class AgendaPdf
{
    public const string ContentType = "application/pdf";

    public static string FileName(DateTimeOffset startsAt) => $"dagordning-bug-{Stockholm.FormatDate(startsAt)}.pdf";

    /// <summary>The meeting's current items in agenda order; <paramref name="cases"/> names each case by reference and category.</summary>
    public static IReadOnlyList<AgendaEntry> Entries(Meeting meeting, IReadOnlyDictionary<int, (string Reference, string? Category)> cases) =>
        meeting.Current.Select(i => i.CaseId is { } id && cases.TryGetValue(id, out var c)
                ? new AgendaEntry(i.Kind, c.Reference, c.Category, i.Late)
                : new AgendaEntry(i.Kind, i.Title ?? "", null, i.Late))
            .ToList();

    public static byte[] Render(AgendaContent a)
    {
        var date = Stockholm.FormatDate(a.StartsAt);
        using var document = new PdfDocument();
        document.Info.Title = $"Dagordning BUG {date} – {a.ForbundName}";
        document.Info.Author = a.ForbundName;
        document.Info.Creator = "Lex Heller";
        using (var w = new Pdf.Writer(document))
        {
            w.Text(a.ForbundName, Pdf.BodyFont);
            w.Text("Dagordning för beredningsgruppens (BUG) möte", Pdf.TitleFont, after: 6);
            w.Fact("Datum och tid", Stockholm.Format(a.StartsAt));
            w.Fact("Plats", a.Place ?? "–");
            if (a.VideoLink is not null) w.Fact("Videolänk", a.VideoLink);
            w.Heading("Punkter");
            if (a.Items.Count == 0) w.Text("Inga ärenden står på dagordningen.", Pdf.BodyFont);
            var number = 0;
            foreach (var item in a.Items)
                w.Text($"{++number}. {Line(item)}", Pdf.BodyFont, after: 3);
        }
        return Pdf.Finish(document, $"Dagordning BUG {date} · {a.ForbundName}");
    }

    private static string Line(AgendaEntry item)
    {
        var text = item.Kind switch
        {
            AgendaItemKind.Case => item.Category is null ? item.Text : $"{item.Text} · {item.Category}",
            AgendaItemKind.Information => $"Information: {item.Text}",
            AgendaItemKind.Question => $"Övrig fråga: {item.Text}",
            AgendaItemKind.SystemicProblem => $"Systemfel: {item.Text}",
        };
        return item.Late ? $"{text} (extra ärende)" : text;
    }
}
