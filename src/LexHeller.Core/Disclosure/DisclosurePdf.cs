using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static LexHeller.Core.Documents.Pdf;

namespace LexHeller.Core.Disclosure;

/// <summary>What the decision letter states; it names the provisions, never the text withheld.</summary>
public sealed record DisclosureLetter(
    string ForbundName,
    int RequestId,
    DateOnly ReceivedOn,
    DateOnly DecidedOn,
    string Subject,
    string? RequesterName,
    string? RequesterContact,
    IReadOnlyList<DisclosureLetter.Released> Cases)
{
    /// <summary>One case of the request and what of it is withheld.</summary>
    public sealed record Released(string Reference, IReadOnlyList<Withheld> Withheld);

    /// <summary>A masked text of a case, by its label, the provision and the reason given.</summary>
    public sealed record Withheld(string Field, string Provision, string? Reason);
}

/// <summary>
/// The two files of a decided request: the released copy of the cases (written from content in which every masked
/// passage is already replaced, so the secret text is never handed to the PDF writer) and the decision letter.
/// Both are tagged like the other PDFs of Lex Heller.
/// </summary>
public static class DisclosurePdf
{
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", Stockholm.Culture);

    public static byte[] Copy(string forbundName, int requestId, DateOnly decidedOn, IReadOnlyList<CasePdfContent> cases)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Utlämnade handlingar, begäran {requestId}";
        document.Info.Subject = $"Kopia med sekretessmaskering – {forbundName}";
        document.Info.Author = forbundName;
        document.Info.Creator = "Lex Heller";
        using (var w = new Writer(document))
        {
            for (var i = 0; i < cases.Count; i++)
            {
                if (i > 0) w.NewPage();
                CasePdf.Write(w, cases[i], [("Rapportör", DisclosureText.ReporterWithheld)]);
            }
        }
        return Finish(document, $"Utlämnad kopia {Date(decidedOn)} · begäran {requestId} · maskerade uppgifter omfattas av sekretess");
    }

    public static byte[] Letter(DisclosureLetter l)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Beslut om utlämnande av allmän handling, begäran {l.RequestId}";
        document.Info.Subject = $"Beslut – {l.ForbundName}";
        document.Info.Author = l.ForbundName;
        document.Info.Creator = "Lex Heller";
        using (var w = new Writer(document))
        {
            w.Text(l.ForbundName, BodyFont);
            w.Text("Beslut om utlämnande av allmän handling", TitleFont, after: 4);
            w.Text($"Beslutat {Date(l.DecidedOn)}", SmallFont, XBrushes.DimGray, after: 12);

            w.Fact("Begäran", l.RequestId.ToString(Stockholm.Culture));
            w.Fact("Kom in", Date(l.ReceivedOn));
            w.Fact("Sökande", l.RequesterName ?? "Anonym");
            if (l.RequesterContact is { } contact) w.Fact("Kontakt", contact);
            w.Section("Begäran gällde", l.Subject);

            w.Heading("Beslut");
            var masked = l.Cases.Any(c => c.Withheld.Count > 0);
            w.Text(masked
                ? $"{l.ForbundName} lämnar ut {Swedish.Count(l.Cases.Count, "ärende", "ärenden")} med de uppgifter maskerade som anges nedan. Övriga uppgifter i ärendena lämnas ut."
                : $"{l.ForbundName} lämnar ut {Swedish.Count(l.Cases.Count, "ärende", "ärenden")}. Inga uppgifter i ärendenas text är maskerade.", BodyFont, after: 4);
            w.Text("Rapportörens namn och kontaktuppgifter ingår inte i kopian och lämnas inte ut.", BodyFont, after: 4);

            w.Heading("Vad som lämnas ut och vad som inte lämnas ut");
            foreach (var c in l.Cases)
            {
                w.Text($"Ärende {c.Reference}", SubHeadingFont, keepLines: 3);
                if (c.Withheld.Count == 0)
                {
                    w.Text("Lämnas ut utan maskering.", BodyFont, indent: 12, after: 6);
                    continue;
                }
                w.Text("Lämnas ut med maskering. Maskerade uppgifter:", BodyFont, indent: 12);
                foreach (var m in c.Withheld)
                    w.Text($"• {m.Field}: sekretess enligt {m.Provision}{(m.Reason is { } reason ? $". {reason}" : "")}", BodyFont, indent: 24);
                w.Space(6);
            }

            w.Heading("Skäl");
            w.Text(masked
                ? "De maskerade uppgifterna omfattas av sekretess enligt de bestämmelser i offentlighets- och sekretesslagen (OSL) som anges ovan. Det står inte klart att uppgifterna kan röjas utan att den enskilde eller någon närstående lider skada eller men."
                : "Handlingarna är allmänna och ingen uppgift i ärendenas text omfattas av sekretess.", BodyFont, after: 4);

            w.Heading("Hur man överklagar");
            w.Text($"Du kan överklaga beslutet till kammarrätten. Skicka överklagandet till {l.ForbundName} inom tre veckor från den dag du fick del av beslutet. "
                + "Skriv vilket beslut du överklagar och hur du vill att det ska ändras. Förbundet prövar först om beslutet ska ändras och skickar sedan överklagandet vidare till kammarrätten.",
                BodyFont, after: 4);
        }
        return Finish(document, $"{l.ForbundName} · beslut om utlämnande, begäran {l.RequestId}");
    }
}
