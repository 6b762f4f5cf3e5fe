using LexHeller.Core.Time;
using static LexHeller.Core.Documents.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LexHeller.Core.Cases;

/// <summary>
/// What a pseudonymised case PDF prints. It has no field for the reporter on purpose: what is not handed to
/// <see cref="CasePdf"/> cannot end up in the document.
/// </summary>
public sealed record CasePdfContent(
    string ForbundName,
    string Reference,
    string Kind,
    string State,
    string? Category,
    IReadOnlyList<string> Parties,
    string? EventMonth,
    string? WhatHappened,
    string? Consequences,
    string? Suggestion,
    IReadOnlyList<CasePdfRuleConflict> RuleConflicts,
    IReadOnlyList<CasePdfResponse> Responses,
    CasePdfHandover? Handover,
    string PrintedAt,
    CasePdfConclusion? Conclusion = null);

public sealed record CasePdfRuleConflict(string PartyA, string RequirementA, string? RuleA, string PartyB, string RequirementB, string? RuleB);

/// <summary>One party's answer duty; <paramref name="Response"/> only once it has been submitted.</summary>
public sealed record CasePdfResponse(string Organisation, string Status, string? DueDate, string? Response);

/// <summary>The handover of a Remiss/överlämning case, its date coarsened to the month.</summary>
public sealed record CasePdfHandover(string? From, string? To, string? SentMonth, string? Received, int? DaysWaited);

/// <summary>
/// How a concluded case ended. <paramref name="Publication"/> is null for readers who may not see whether the
/// answer is published, as on the case page.
/// </summary>
public sealed record CasePdfConclusion(string Outcome, string Summary, string Answer, string? Publication);

/// <summary>Lays a case out as an A4 PDF in Swedish, written with the shared <see cref="Documents.Pdf.Writer"/>.</summary>
public static class CasePdf
{
    /// <summary>The month a date falls in, as shared documents show dates: "oktober 2026".</summary>
    public static string Month(DateOnly date) => date.ToString("MMMM yyyy", Stockholm.Culture);

    /// <param name="pdfA">PDF/A for the archive package.</param>
    public static byte[] Render(CasePdfContent c, bool pdfA = false)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Ärende {c.Reference}";
        document.Info.Subject = $"Pseudonymiserad utskrift – {c.ForbundName}";
        document.Info.Author = c.ForbundName;
        document.Info.Creator = "Lex Heller";

        using (var w = new Writer(document)) Write(w, c);

        return Finish(document, $"{c.Reference} · Pseudonymiserad utskrift – rapportörens identitet ingår inte", pdfA: pdfA);
    }

    /// <summary>Writes the case from where the writer stands; a released copy writes several cases into one document.</summary>
    internal static void Write(Writer w, CasePdfContent c, IReadOnlyList<(string Label, string Value)>? extraFacts = null)
    {
        w.Text(c.ForbundName, BodyFont);
        w.Text($"Ärende {c.Reference}", TitleFont, after: 4);
        w.Text($"{c.Kind} · {c.State} · utskriven {c.PrintedAt}", SmallFont, XBrushes.DimGray, after: 12);

        w.Fact("Referens", c.Reference);
        w.Fact("Typ", c.Kind);
        w.Fact("Kategori", c.Category ?? "–");
        w.Fact("Berörda parter", c.Parties.Count == 0 ? "–" : string.Join(", ", c.Parties));
        w.Fact("Händelsen inträffade", c.EventMonth ?? "–");
        if (c.Handover is { } h)
        {
            w.Fact("Överlämning från", h.From ?? "–");
            w.Fact("Överlämning till", h.To ?? "–");
            w.Fact("Skickades", h.SentMonth ?? "–");
            w.Fact("Togs emot", h.Received ?? "–");
            w.Fact("Dagar personen väntade", h.DaysWaited?.ToString(Stockholm.Culture) ?? "–");
        }
        foreach (var (label, value) in extraFacts ?? []) w.Fact(label, value);

        w.Section("Vad hände?", c.WhatHappened);
        w.Section("Konsekvenser för individen", c.Consequences);
        if (c.Suggestion is not null) w.Section("Förslag på förbättring", c.Suggestion);

        if (c.RuleConflicts.Count > 0)
        {
            w.Heading("Regelkrockar");
            for (var i = 0; i < c.RuleConflicts.Count; i++)
            {
                var r = c.RuleConflicts[i];
                w.Text($"Regelkrock {i + 1}", SubHeadingFont, keepLines: 3);
                w.Text($"{r.PartyA} kräver: {r.RequirementA}{(r.RuleA is null ? "" : $" ({r.RuleA})")}", BodyFont, indent: 12);
                w.Text($"{r.PartyB} kräver: {r.RequirementB}{(r.RuleB is null ? "" : $" ({r.RuleB})")}", BodyFont, indent: 12, after: 6);
            }
        }

        w.Heading("Parternas svar");
        if (c.Responses.Count == 0) w.Text("Ärendet har inte remitterats till någon part.", BodyFont);
        foreach (var r in c.Responses)
        {
            w.Text(r.Organisation, SubHeadingFont, keepLines: 3);
            w.Text(r.DueDate is null ? r.Status : $"{r.Status} · svar senast {r.DueDate}", SmallFont, XBrushes.DimGray, indent: 12);
            w.Text(r.Response ?? "Inget inskickat svar.", BodyFont, indent: 12, after: 8);
        }

        if (c.Conclusion is { } conclusion)
        {
            w.Heading("Ärendets avslut");
            w.Fact("Utfall", conclusion.Outcome);
            if (conclusion.Publication is { } publication) w.Fact("Publicering", publication);
            w.Section("Sammanfattning", conclusion.Summary);
            w.Section("Svar", conclusion.Answer);
        }
    }
}
