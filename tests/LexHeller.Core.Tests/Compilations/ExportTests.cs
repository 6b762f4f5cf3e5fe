using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.Compilations;
using LexHeller.Web.Tests.Bug;
using MiniExcelLibs;

namespace LexHeller.Core.Tests.Compilations;

/// <summary>
/// The files a kansli downloads hold exactly what the report shows its audience: every figure in its place, numbers
/// as numbers where a spreadsheet can count with them, small counts suppressed wherever they are suppressed on screen,
/// and text typed in by users never turned into a formula.
/// </summary>
public class ExportTests
{
    private const int Threshold = 3;
    private const string Formula = "=SUM(A1)";
    private const string Minus = "-1";
    private const string Swedish = "Åtgärder för unga vuxna";
    private const string LongCategory = "Försörjning och ärenden som rör Försäkringskassan, Arbetsförmedlingen och kommunens socialtjänst samtidigt";
    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly Period Tertial = Period.Tertial(2026, 1);
    private static readonly DateTimeOffset ComputedAt = new(2026, 5, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The heading of each table's label column, as a Swedish reader expects it.</summary>
    private static readonly Dictionary<string, string> RowHeadings = new()
    {
        ["per-manad"] = "Månad", ["arendetyp"] = "Ärendetyp", ["kategori"] = "Kategori", ["part"] = "Part",
        ["rapporterande"] = "Organisation", ["kon"] = "Kön", ["alder"] = "Åldersgrupp", ["status"] = "Läge",
        ["utfall"] = "Utfall", ["ledtid"] = "Urval", ["svarstid"] = "Part", ["jamforelse"] = "Mått",
        ["kategori-part"] = "Kategori × part", ["regelkrock"] = "Parter", ["systemfel-status"] = "Status", ["systemfel-niva"] = "Nivå",
        ["arenden-systemfel"] = "Systemfel", ["atgarder"] = "Mått", ["atgard-effekt"] = "Effekt",
    };

    private static CompilationData Data() => new()
    {
        Forbund = ["Samordningsförbundet Älvdalen"],
        Filed = 40,
        Concluded = 17,
        PerMonth = [new("2026-01", 12), new("2026-02", 10), new("2026-03", 1), new("2026-04", 17)],
        ByKind = [new("Avvikelse", 25), new("Remiss/överlämning", 15)],
        ByCategory = [new(Formula, 18), new(Minus, 8), new(Swedish, 2), new(LongCategory, 12)],
        ByParty = [new("Försäkringskassan", 20), new("Arbetsförmedlingen", 14), new("@Kommunen", 1)],
        ByReportingOrganisation = [new("Örebro kommun", 30), new("+Region Örebro län", 10)],
        ByGender = [new("Kvinna", 22), new("Man", 18)],
        ByAgeBand = [new("20–29", 20), new("30–39", 15), new("40–49", 5)],
        StateAtEnd = [new("Avslutat", 17), new("Under beredning", 23)],
        Outcomes = [new("Löst", 10), new("Delvis löst", 5), new("Ej löst", 2)],
        FiledToConcluded = new(17, 12.5, 41.5),
        ReferredToAnswered = [new("Försäkringskassan", new(6, 9.5, 20), 5), new("Arbetsförmedlingen", new(2, 3, 4), 2)],
        FiledPrevious = 35,
        FiledYearEarlier = 28,
        ConcludedPrevious = 12,
        ConcludedYearEarlier = 1,
        CategoryByParty = [new(Formula, "Försäkringskassan", 9), new(Swedish, "Arbetsförmedlingen", 2)],
        RuleConflicts = [],
        Answers =
        [
            // 22:30 UTC on 31 March is 00:30 on 1 April in Stockholm.
            new(1, "LH-ALV-2026-0007", Formula, "Löst", "Personen fick besked från båda myndigheterna samma vecka; åtgärden följs upp i höst.",
                "=HYPERLINK(\"http://example.invalid\")", new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero), Published: true),
            new(1, "LH-ALV-2026-0009", "Övrigt", "Ej löst", null, "Internt svar.", new DateTimeOffset(2026, 4, 12, 9, 0, 0, TimeSpan.Zero), Published: false),
        ],
    };

    private static CompilationReport Report(Audience audience) => CompilationReport.For(Data(), Tertial, ComputedAt, threshold: Threshold, audience);

    [Fact]
    public void FileName_is_plain_ascii_without_spaces()
    {
        var report = Report(Audience.Kansli);
        Assert.Equal("sammanstallning-2026-tertial-1.xlsx", CompilationExports.FileName(report, "xlsx"));
        Assert.Equal("sammanstallning-2026-tertial-1.csv", CompilationExports.FileName(report, ".csv"));
        Assert.Equal("sammanstallning-2026-03.pdf", CompilationExports.FileName(report with { Period = Period.Month(2026, 3) }, "pdf"));
        Assert.Equal("sammanstallning-2025.pdf", CompilationExports.FileName(report with { Period = Period.Year(2025) }, "pdf"));
        var custom = CompilationExports.FileName(report with { Period = new(PeriodKind.Custom, new(2026, 1, 15), new(2026, 3, 31)) }, "xlsx");
        Assert.Equal("sammanstallning-2026-01-15-2026-03-31.xlsx", custom);
        Assert.All(new[] { custom }, n => Assert.True(n.All(c => char.IsAscii(c) && !char.IsWhiteSpace(c))));
    }

    [Fact]
    public void Xlsx_has_an_overview_one_sheet_per_table_and_the_answers()
    {
        var report = Report(Audience.Kansli);
        var names = new MemoryStream(CompilationExports.Xlsx(report)).GetSheetNames();

        Assert.Equal(report.Tables.Count + 2, names.Count);
        Assert.Equal("Översikt", names[0]);
        Assert.Equal("Svar", names[^1]);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n =>
        {
            Assert.InRange(n.Length, 1, 31);
            Assert.DoesNotMatch(@"[\[\]:*?/\\]", n);
        });
        // A long title is cut on a whole word.
        Assert.Contains("Läge vid periodens slut", names);
    }

    [Fact]
    public void Xlsx_sheet_names_stay_valid_and_unique_for_awkward_titles()
    {
        var report = Report(Audience.Kansli);
        var awkward = report.Tables[0] with { Title = "Ärenden per kategori/part: jämförelse [2026] mellan förbunden?" };
        var names = new MemoryStream(CompilationExports.Xlsx(report with { Tables = [awkward, awkward, awkward with { Title = "Svar" }] })).GetSheetNames();

        Assert.Equal(5, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n =>
        {
            Assert.InRange(n.Length, 1, 31);
            Assert.DoesNotMatch(@"[\[\]:*?/\\]", n);
        });
    }

    [Theory]
    [InlineData(Audience.Kansli)]
    [InlineData(Audience.Shared)]
    [InlineData(Audience.Joint)]
    public void Xlsx_every_cell_is_the_reports_value_with_numbers_as_numbers(Audience audience)
    {
        var report = Report(audience);
        var xlsx = CompilationExports.Xlsx(report);
        var names = new MemoryStream(xlsx).GetSheetNames();

        for (var t = 0; t < report.Tables.Count; t++)
        {
            var table = report.Tables[t];
            var rows = Sheet(xlsx, names[t + 1]);
            var columns = Enumerable.Range(0, table.Columns.Count + 1).Select(ColumnName).ToList();

            var expectedHeadings = new List<string> { RowHeadings[table.Key] };
            expectedHeadings.AddRange(table.Columns.Select(c => table.Key == "svarstid" && c == "Svar i tid" ? "Svar i tid (%)" : c));
            Assert.Equal(expectedHeadings, columns.Select(c => rows[0][c] as string));

            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                Assert.Equal(row.Label, rows[r + 1]["A"]);
                for (var c = 0; c < row.Cells.Count; c++)
                    AssertCell(row.Cells[c], rows[r + 1][columns[c + 1]]);
            }
            if (table.Note is { } note)
                Assert.Equal($"Anmärkning: {note}", rows[table.Rows.Count + 2]["A"]);
        }

        // Text typed in by users is stored as text: there is no formula anywhere in the workbook.
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<x:f>", xml);
            Assert.DoesNotContain("<f>", xml);
        }
    }

    [Fact]
    public void Xlsx_overview_gives_the_report_its_headlines_and_the_suppression_rule()
    {
        var shared = Report(Audience.Shared);
        var overview = Sheet(CompilationExports.Xlsx(shared), "Översikt");

        Assert.Equal(["Uppgift", "Värde"], new[] { overview[0]["A"], overview[0]["B"] });
        string? Value(string label) => overview.Single(r => Equals(r["A"], label))["B"]?.ToString();
        Assert.Equal(shared.Title, Value("Rubrik"));
        Assert.Equal("Tertial 1 2026 (2026-01-01 – 2026-04-30)", Value("Period"));
        Assert.Equal("Samordningsförbundet Älvdalen", Value("Förbund"));
        Assert.Equal("2026-05-02 10:00 (svensk tid)", Value("Beräknad"));
        Assert.StartsWith("Antal från 1 till 2 visas som <3.", Value("Om siffrorna"));

        foreach (var (label, cell) in shared.Headlines)
            AssertCell(cell, overview.Single(r => Equals(r["A"], cell.Kind == CellKind.Percent ? $"{label} (%)" : label))["B"]);
        Assert.IsType<double>(overview.Single(r => Equals(r["A"], "Median ledtid (dagar)"))["B"]);

        var kansli = Sheet(CompilationExports.Xlsx(Report(Audience.Kansli)), "Översikt");
        Assert.DoesNotContain(kansli, r => r["B"] is string s && s.Contains("visas som <3", StringComparison.Ordinal));
    }

    [Fact]
    public void Xlsx_answers_sheet_has_swedish_headings_and_the_stockholm_date_as_a_date()
    {
        var report = Report(Audience.Kansli);
        var rows = Sheet(CompilationExports.Xlsx(report), "Svar");

        Assert.Equal(["Ärende", "Kategori", "Utfall", "Avslutat", "Sammanfattning", "Svar"], Enumerable.Range(0, 6).Select(i => rows[0][ColumnName(i)]));
        Assert.Equal(report.Answers.Count + 1, rows.Count);
        var first = rows[1];
        Assert.Equal("LH-ALV-2026-0007", first["A"]);
        Assert.Equal(Formula, first["B"]);
        Assert.Equal(new DateTime(2026, 4, 1), Assert.IsType<DateTime>(first["D"]));
        Assert.Equal(report.Answers[0].Answer, first["F"]);

        var shared = new MemoryStream(CompilationExports.Xlsx(Report(Audience.Shared)));
        Assert.Equal(["LH-ALV-2026-0007"], Sheet(shared.ToArray(), "Svar").Skip(1).Select(r => r["A"]));
        Assert.DoesNotContain("Svar", new MemoryStream(CompilationExports.Xlsx(Report(Audience.Joint))).GetSheetNames());
    }

    [Fact]
    public void Csv_is_utf8_with_bom_semicolons_and_decimal_comma()
    {
        var csv = CompilationExports.Csv(Report(Audience.Kansli));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);

        var text = new UTF8Encoding(false).GetString(csv[3..]);
        Assert.Contains("Median ledtid (dagar);12,5", text);
        Assert.DoesNotContain("12.5", text);
        Assert.Contains("Avslutade under perioden;17;12,5;41,5", text);
        Assert.Contains("Inkomna ärenden efter kategori", text);
    }

    [Theory]
    [InlineData(Audience.Kansli)]
    [InlineData(Audience.Shared)]
    [InlineData(Audience.Joint)]
    public void Csv_reads_back_cell_by_cell(Audience audience)
    {
        var report = Report(audience);
        var lines = ReadCsv(CompilationExports.Csv(report));

        Assert.Equal([report.Title], lines[0].Fields);
        var headlines = lines.FindIndex(l => l.Fields[0] == "Nyckeltal");
        Assert.Equal(["Mått", "Värde"], lines[headlines + 1].Fields);
        for (var i = 0; i < report.Headlines.Count; i++)
            AssertCsvCell(report.Headlines[i].Value, lines[headlines + 2 + i], 1);

        foreach (var table in report.Tables)
        {
            var at = lines.FindIndex(l => l.Fields[0] == table.Title);
            Assert.True(at > 0, table.Title);
            Assert.Equal(table.Note is null ? [table.Title] : [table.Title, table.Note], lines[at].Fields);
            Assert.Equal(RowHeadings[table.Key], lines[at + 1].Fields[0]);
            Assert.Equal(table.Columns.Count + 1, lines[at + 1].Fields.Length);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var line = lines[at + 2 + r];
                Assert.Equal(Neutralised(table.Rows[r].Label), line.Fields[0]);
                for (var c = 0; c < table.Rows[r].Cells.Count; c++)
                    AssertCsvCell(table.Rows[r].Cells[c], line, c + 1);
            }
            Assert.All(lines[at + 2 + table.Rows.Count].Fields, f => Assert.Equal("", f));
        }

        var answers = lines.FindIndex(l => l.Fields[0] is "Avslutade ärenden och svar" or "Publicerade svar");
        if (audience == Audience.Joint)
        {
            Assert.Equal(-1, answers);
            return;
        }
        Assert.Equal(["Ärende", "Kategori", "Utfall", "Avslutat", "Sammanfattning", "Svar"], lines[answers + 1].Fields);
        var first = lines[answers + 2].Fields;
        Assert.Equal(["LH-ALV-2026-0007", "'=SUM(A1)", "Löst", "2026-04-01", report.Answers[0].Summary!, "'=HYPERLINK(\"http://example.invalid\")"], first);
        Assert.Equal(answers + 2 + report.Answers.Count, lines.Count);
    }

    [Fact]
    public void Csv_neutralises_text_that_excel_would_run_as_a_formula()
    {
        var lines = ReadCsv(CompilationExports.Csv(Report(Audience.Kansli)));
        var labels = lines.Select(l => l.Fields[0]).ToList();

        Assert.Contains("'=SUM(A1)", labels);
        Assert.Contains("'-1", labels);
        Assert.Contains("'@Kommunen", labels);
        Assert.Contains("'+Region Örebro län", labels);
        Assert.Contains("'=SUM(A1) × Försäkringskassan", labels);
        Assert.Contains(Swedish, labels);
        Assert.DoesNotContain(labels, l => l.Length > 0 && "=+-@".Contains(l[0]));
    }

    [Fact]
    public void Pdf_shows_title_headlines_tables_answers_and_page_numbers()
    {
        var report = Report(Audience.Kansli);
        var pdf = PdfText.Read(CompilationExports.Pdf(report));

        Assert.True(pdf.PageCount >= 3, $"{pdf.PageCount} pages");
        Assert.Equal(report.Title, pdf.Info.Title);
        Assert.Contains(report.Title, pdf.Flat);
        Assert.Contains("Tertial 1 2026 (2026-01-01 – 2026-04-30)", pdf.Pages[0]);
        Assert.Contains("2026-05-02 10:00 (svensk tid)", pdf.Pages[0]);
        Assert.Contains("Rapporten visar exakta antal", pdf.Flat);

        Assert.Contains("Nyckeltal", pdf.Text);
        foreach (var (label, cell) in report.Headlines)
            Assert.Contains($"{cell.Display(Threshold)}\n{label}\n", pdf.Text);
        Assert.Contains("12,5\nMedian ledtid (dagar)\n", pdf.Text);

        foreach (var table in report.Tables)
            Assert.Contains(table.Title, pdf.Flat);
        Assert.Contains("Inga uppgifter för perioden.", pdf.Text);

        // The long label is wrapped, yet reads whole.
        Assert.DoesNotContain($"{LongCategory}\n", pdf.Text);
        Assert.Contains(LongCategory, pdf.Flat);

        // Charts: the month columns carry their counts, the category bars theirs.
        Assert.Contains("Diagram: Ärenden", pdf.Text);
        Assert.Contains("\n1\nmars 2026\n", pdf.Text);

        Assert.Contains("Avslutade ärenden och svar", pdf.Text);
        Assert.Contains("Ärende LH-ALV-2026-0007", pdf.Text);
        Assert.Contains("Ärende LH-ALV-2026-0009", pdf.Text);
        Assert.Contains("åtgärden följs upp i höst.", pdf.Flat);

        for (var i = 0; i < pdf.PageCount; i++)
            Assert.Contains($"Sida {i + 1} av {pdf.PageCount}", pdf.Pages[i]);
        Assert.Contains("Sida 1 av", pdf.Pages[0]);
    }

    [Fact]
    public void Pdf_long_tables_run_over_pages_with_their_header_on_each()
    {
        var organisations = Enumerable.Range(1, 90).Select(i => new Count($"Organisation nummer {i} med ett långt namn som får radbrytas i tabellen", 10 + i)).ToList();
        var months = Enumerable.Range(0, 18).Select(i => new Count(new DateOnly(2025, 1, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture), 5 + i)).ToList();
        var data = Data() with { ByReportingOrganisation = organisations, PerMonth = months };
        var report = CompilationReport.For(data, new Period(PeriodKind.Custom, new(2025, 1, 1), new(2026, 6, 30)), ComputedAt, Threshold, Audience.Kansli);

        var pdf = PdfText.Read(CompilationExports.Pdf(report));

        var withHeader = pdf.Pages.Count(p => p.Contains("Organisation\nÄrenden\n", StringComparison.Ordinal));
        Assert.True(withHeader >= 2, $"the header is on {withHeader} page(s)");
        Assert.Contains("Organisation nummer 90 med ett långt namn som får radbrytas i tabellen", pdf.Flat);
        // Eighteen months are too many for columns; they are drawn as bars, every month named.
        Assert.All(months, m => Assert.Contains(DateOnly.ParseExact(m.Label + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", Sv), pdf.Text));
        Assert.Contains($"Sida {pdf.PageCount} av {pdf.PageCount}", pdf.Pages[^1]);
    }

    [Fact]
    public void Shared_and_joint_show_less_than_three_where_the_kansli_sees_the_exact_number()
    {
        var kansli = Report(Audience.Kansli);
        var shared = Report(Audience.Shared);
        var joint = Report(Audience.Joint);
        var category = (CompilationReport r) => r.Tables.Single(t => t.Key == "kategori").Rows.Single(x => x.Label == Swedish).Cells[0];
        Assert.Equal("2", category(kansli).Display(Threshold));
        Assert.Equal("<3", category(shared).Display(Threshold));

        // PDF: the row's figure follows its label.
        Assert.Contains($"{Swedish}\n2\n", PdfText.Read(CompilationExports.Pdf(kansli)).Text);
        foreach (var report in new[] { shared, joint })
        {
            var text = PdfText.Read(CompilationExports.Pdf(report)).Text;
            Assert.Contains($"{Swedish}\n<3\n", text);
            Assert.DoesNotContain($"{Swedish}\n2\n", text);
            Assert.Contains("Antal från 1 till 2 visas som <3.", text);
        }

        // Spreadsheet and CSV alike.
        string Xlsx(CompilationReport r)
        {
            var xlsx = CompilationExports.Xlsx(r);
            var name = new MemoryStream(xlsx).GetSheetNames()[1 + r.Tables.ToList().FindIndex(t => t.Key == "kategori")];
            return Sheet(xlsx, name).Single(x => Equals(x["A"], Swedish))["B"]?.ToString() ?? "";
        }
        string Csv(CompilationReport r) => ReadCsv(CompilationExports.Csv(r)).First(l => l.Fields[0] == Swedish).Fields[1];
        Assert.Equal(("2", "2"), (Xlsx(kansli), Csv(kansli)));
        Assert.Equal(("<3", "<3"), (Xlsx(shared), Csv(shared)));
        Assert.Equal(("<3", "<3"), (Xlsx(joint), Csv(joint)));

        // The count hidden beside a small one (so the small one cannot be worked out from the total) is ".." in
        // every format, never its number, and gets no bar in a chart.
        var hidden = (CompilationReport r) => r.Tables.Single(t => t.Key == "kategori").Rows.Single(x => x.Label == Minus).Cells[0];
        Assert.True(hidden(shared).Hidden);
        string XlsxOf(CompilationReport r, string label)
        {
            var xlsx = CompilationExports.Xlsx(r);
            var name = new MemoryStream(xlsx).GetSheetNames()[1 + r.Tables.ToList().FindIndex(t => t.Key == "kategori")];
            return Sheet(xlsx, name).Single(x => Equals(x["A"], label))["B"]?.ToString() ?? "";
        }
        Assert.Equal("8", XlsxOf(kansli, Minus));
        Assert.Equal("..", XlsxOf(shared, Minus));
        Assert.Equal("..", ReadCsv(CompilationExports.Csv(shared)).First(l => l.Fields[0] == "'-1").Fields[1]);
        var sharedPdf = PdfText.Read(CompilationExports.Pdf(shared)).Text;
        Assert.Contains($"{Minus}\n..\n", sharedPdf);
        Assert.DoesNotContain($"{Minus}\n8\n", sharedPdf);

        // Shared sees only published answers; joint sees no case at all.
        var sharedText = PdfText.Read(CompilationExports.Pdf(shared)).Text;
        Assert.Contains("LH-ALV-2026-0007", sharedText);
        Assert.DoesNotContain("LH-ALV-2026-0009", sharedText);
        Assert.DoesNotContain("LH-ALV-2026", PdfText.Read(CompilationExports.Pdf(joint)).Text);
        Assert.DoesNotContain("LH-ALV-2026", Encoding.UTF8.GetString(CompilationExports.Csv(joint)));
    }

    private static void AssertCell(Cell cell, object? actual)
    {
        if (cell.Withheld || cell.Value is null)
        {
            Assert.Equal(cell.Display(Threshold), actual);
            return;
        }
        Assert.Equal(cell.Value.Value, Assert.IsType<double>(actual), 6);
    }

    private static void AssertCsvCell(Cell cell, CsvLine line, int index)
    {
        if (cell.Withheld || cell.Value is null)
            Assert.Equal(cell.Display(Threshold), line.Fields[index]);
        else
            Assert.Equal(cell.Value.Value, line.Number(index), 6);
    }

    private static string Neutralised(string text) => text.Length > 0 && "=+-@".Contains(text[0]) ? $"'{text}" : text;

    private static string ColumnName(int index) => ((char)('A' + index)).ToString();

    private static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string name) =>
        new MemoryStream(xlsx).Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>().ToList();

    private sealed record CsvLine(string[] Fields, double?[] Numbers)
    {
        public double Number(int index) => Numbers[index] ?? throw new Xunit.Sdk.XunitException($"'{Fields[index]}' is not a number");
    }

    /// <summary>Every line as CsvHelper reads it in Swedish, with each field also read as a number where it is one.</summary>
    private static List<CsvLine> ReadCsv(byte[] csv)
    {
        var config = new CsvConfiguration(Sv) { Delimiter = ";", HasHeaderRecord = false, IgnoreBlankLines = false };
        using var reader = new CsvReader(new StreamReader(new MemoryStream(csv), Encoding.UTF8), config);
        var lines = new List<CsvLine>();
        while (reader.Read())
        {
            var fields = reader.Parser.Record ?? [];
            var numbers = fields.Select((_, i) => reader.TryGetField<double>(i, out var n) ? n : (double?)null).ToArray();
            lines.Add(new CsvLine(fields, numbers));
        }
        return lines;
    }
}
