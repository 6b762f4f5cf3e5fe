using System.Data;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.Time;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace LexHeller.Core.Documents;

/// <summary>
/// A list as a file for Swedish Excel: a CSV file (semicolons, UTF-8 with its mark) or a workbook with a filter row and
/// a frozen header. Users typed most of the text, so anything Excel would take for a formula is written as text.
/// </summary>
public static class Spreadsheet
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly CsvConfiguration CsvSettings = new(Stockholm.Culture)
    {
        Delimiter = ";",
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    public static byte[] Csv(IReadOnlyList<string> header, IEnumerable<object?[]> lines)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CsvSettings))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var line in lines)
            {
                foreach (var v in line) csv.WriteField(v switch { null => "", int n => n.ToString(CultureInfo.InvariantCulture), var x => x.ToString() });
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    /// <param name="numberColumns">Headers of the columns written as number cells; the rest are text.</param>
    public static byte[] Xlsx(string sheet, IReadOnlyList<string> header, IEnumerable<object?[]> lines, IReadOnlySet<string>? numberColumns = null)
    {
        var table = new DataTable(sheet);
        foreach (var h in header)
            table.Columns.Add(h, numberColumns?.Contains(h) == true ? typeof(int) : typeof(string));
        foreach (var line in lines)
            table.Rows.Add(line.Select(v => v ?? (object)DBNull.Value).ToArray());
        using var stream = new MemoryStream();
        // Culture stays invariant so numbers are number cells; text is written as text, never as a formula.
        stream.SaveAs(table, printHeader: true, sheetName: sheet, excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { AutoFilter = true, FreezeRowCount = 1 });
        return stream.ToArray();
    }
}
