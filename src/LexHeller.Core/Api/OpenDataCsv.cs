using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.Cases;

namespace LexHeller.Core.Api;

/// <summary>
/// Open data as CSV for machines and anyone who reuses it (RFC 4180): UTF-8 without BOM, ',' between fields, a header
/// line with the JSON property names in the JSON's order, times in UTC as ISO 8601, numbers with a decimal point,
/// true/false, and an empty field for a missing value. Text a spreadsheet would take for a formula gets a leading
/// apostrophe (CsvHelper's escaping), since summaries and answers are typed in by people.
/// </summary>
public static class OpenDataCsv
{
    public static readonly IReadOnlyList<string> AnswerColumns =
        ["reference", "categoryId", "category", "outcome", "summary", "answer", "concludedAt", "publishedAt"];

    public static readonly IReadOnlyList<string> FigureColumns =
        ["year", "complete", "table", "tableTitle", "row", "column", "kind", "value", "withheld"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ",",
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    public static byte[] Answers(IEnumerable<PublishedQuery.ApiRow> rows) => Write(AnswerColumns, rows.Select(r => new[]
    {
        r.Reference, Number(r.CategoryId), r.Category ?? "", r.Outcome?.ToString() ?? "", r.Summary ?? "", r.Answer ?? "",
        Time(r.ConcludedAt), Time(r.PublishedAt),
    }));

    public static byte[] Figures(IEnumerable<OpenDataQuery.AnnualFigure> rows) => Write(FigureColumns, rows.Select(f => new[]
    {
        Number(f.Year), Bool(f.Complete), f.Table, f.TableTitle, f.Row, f.Column, f.Kind,
        f.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "", Bool(f.Withheld),
    }));

    private static byte[] Write(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        using (var csv = new CsvWriter(writer, Configuration))
        {
            foreach (var column in header) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Bool(bool b) => b ? "true" : "false";

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "";
}
