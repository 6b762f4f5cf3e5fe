using LexHeller.Core.Cases;
using LexHeller.Core.Documents;
using LexHeller.Core.Time;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LexHeller.Core.Meetings;

/// <summary>
/// The minutes (protokoll) of a BUG meeting as a tagged Swedish PDF with § numbers and page numbers. A draft (anything
/// not yet justerat) carries "Utkast" across every page.
/// </summary>
public static class MinutesPdf
{
    public const string Watermark = "Utkast";

    public static byte[] Render(MinutesContent m)
    {
        using var document = new PdfDocument();
        document.Info.Title = m.Title;
        document.Info.Subject = m.IsFinal ? "Justerat protokoll" : "Utkast till protokoll";
        document.Info.Author = m.ForbundName;
        document.Info.Creator = "Lex Heller";
        using (var w = new Pdf.Writer(document))
        {
            w.Text(m.ForbundName, Pdf.BodyFont);
            w.Text("Protokoll från beredningsgruppens (BUG) möte", Pdf.TitleFont, after: 6);
            if (!m.IsFinal)
                w.Text(m.Stage == MinutesStage.Submitted ? "Utkast – protokollet väntar på justering." : "Utkast – protokollet är inte justerat.",
                    Pdf.BodyFont, XBrushes.DimGray, after: 6);
            w.Fact("Datum", Stockholm.Format(m.StartsAt));
            w.Fact("Plats", m.Place ?? (m.VideoLink is null ? "–" : "Videomöte"));

            w.Heading("Närvarande");
            if (m.Present.Count == 0) w.Text("Ingen närvaro är registrerad.", Pdf.BodyFont);
            foreach (var p in m.Present) w.Fact(p.Organisation, string.Join(", ", p.Names));
            w.Heading("Frånvarande ledamöter");
            w.Text(m.Absent.Count == 0 ? "Inga." : string.Join(", ", m.Absent.Select(a => a.Label)), Pdf.BodyFont);

            w.Heading("Mötets funktionärer");
            w.Fact("Ordförande", m.Chair ?? "–");
            w.Fact("Protokollförare", m.Secretary ?? "–");
            w.Fact("Justerare", m.Justifiers.Count == 0 ? "–" : string.Join(", ", m.Justifiers.Select(j => j.Name)));

            w.Heading("Ärenden och beslut");
            if (m.Paragraphs.Count == 0) w.Text("Inga punkter stod på dagordningen.", Pdf.BodyFont);
            foreach (var p in m.Paragraphs)
            {
                w.Text($"§ {p.Number} {p.Heading}", Pdf.SubHeadingFont, keepLines: 3);
                w.Text(string.Join(" · ", new[] { p.KindName, p.Category, p.Late ? "Extra ärende" : null }.OfType<string>()),
                    Pdf.SmallFont, XBrushes.DimGray, indent: 12);
                if (p.Text is not null) w.Text(p.Text, Pdf.BodyFont, indent: 12);
                w.Text(p.Decision is null ? "Inget beslut." : $"Beslut: {p.Decision}", Pdf.BodyFont, indent: 12, after: 8);
            }
            if (m.Settled.Count > 0)
            {
                w.Heading("Avgjort före mötet");
                foreach (var s in m.Settled) w.Fact(s.Reference, s.Outcome);
            }
            w.Section("Övriga frågor", m.OtherBusiness ?? "Inga övriga frågor.");

            w.Heading("Justering");
            foreach (var j in m.Justifiers)
                w.Fact(j.Name, j.ConfirmedAt is { } at ? $"Justerat {Stockholm.Format(at)}" : "Inte justerat än");
            if (m.FinalisedAt is { } done) w.Text($"Protokollet är justerat och låst {Stockholm.Format(done)}.", Pdf.BodyFont, after: 0);
        }
        var notice = $"Protokoll BUG {Stockholm.FormatDate(m.StartsAt)} · {m.ForbundName}{(m.IsFinal ? "" : " · Utkast")}";
        return Pdf.Finish(document, notice, m.IsFinal ? null : Watermark);
    }

    /// <summary>A decision by name in words, for an item without words of its own.</summary>
    public static string DecisionText(string? decision) =>
        decision == AgendaItem.Noted ? "Noteras."
        : Enum.TryParse<CaseTrigger>(decision, out var t) && Enum.IsDefined(t) ? t.Spec().Decision ?? t.ActionName()
        : "Inget beslut";
}
