using LexHeller.Core.Cases;
using LexHeller.Core.Documents;
using LexHeller.Core.Time;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LexHeller.Core.Meetings;

public sealed record MinutesDecision(string Reference, string? Category, string Decision);

/// <summary>What the minutes of a BUG meeting print: no case text and no reporter, only references and decisions.</summary>
public sealed record MinutesContent(string ForbundName, DateTimeOffset StartsAt, string? Place, IReadOnlyList<string> Participants,
    IReadOnlyList<MinutesDecision> Decisions, DateTimeOffset FinalisedAt);

/// <summary>The minutes (protokoll) of a BUG meeting as a Swedish PDF with page numbers.</summary>
public static class MinutesPdf
{
    public static byte[] Render(MinutesContent m)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Protokoll BUG {Stockholm.FormatDate(m.StartsAt)}";
        document.Info.Author = m.ForbundName;
        document.Info.Creator = "Lex Heller";
        using (var w = new Pdf.Writer(document))
        {
            w.Text(m.ForbundName, Pdf.BodyFont);
            w.Text("Protokoll från beredningsgruppens (BUG) möte", Pdf.TitleFont, after: 6);
            w.Fact("Datum", Stockholm.Format(m.StartsAt));
            w.Fact("Plats", m.Place ?? "–");
            w.Fact("Fastställt", Stockholm.Format(m.FinalisedAt));
            w.Heading("Närvarande");
            foreach (var p in m.Participants) w.Text(p, Pdf.BodyFont, indent: 12);
            w.Heading("Ärenden och beslut");
            if (m.Decisions.Count == 0) w.Text("Inga ärenden stod på dagordningen.", Pdf.BodyFont);
            foreach (var d in m.Decisions)
                w.Fact(d.Reference, $"{d.Decision}{(d.Category is null ? "" : $" · {d.Category}")}");
        }
        return Pdf.Finish(document, $"Protokoll BUG {Stockholm.FormatDate(m.StartsAt)} · {m.ForbundName}");
    }

    public static string DecisionText(string? decision) => Enum.TryParse<CaseTrigger>(decision, out var t) && Enum.IsDefined(t)
        ? t.Spec().Decision ?? t.ActionName()
        : "Inget beslut";
}
