using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace LexHeller.Web.Tests.Bug;

/// <summary>
/// Reads the text a PDF shows, with PDFsharp's own reader: the glyph ids of every text operator, mapped back to
/// characters through each font's ToUnicode table, one line per operator.
/// </summary>
internal static partial class PdfText
{
    public sealed record Document(int PageCount, string Text, IReadOnlyList<string> Pages, PdfDocumentInformation Info)
    {
        /// <summary>The text with every run of white space as one space, so words broken over lines still match.</summary>
        public string Flat => Spaces().Replace(Text, " ");
    }

    public static Document Read(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            var maps = new Dictionary<string, Dictionary<int, string>>();
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            foreach (var name in fonts?.Elements.Keys ?? [])
            {
                var font = fonts!.Elements.GetDictionary(name);
                var toUnicode = font?.Elements.GetDictionary("/ToUnicode");
                if (toUnicode?.Stream is { } stream) maps[name] = ParseCMap(Encoding.ASCII.GetString(stream.UnfilteredValue));
            }
            var text = new StringBuilder();
            Dictionary<int, string>? current = null;
            foreach (var op in ContentReader.ReadContent(page).OfType<COperator>())
            {
                switch (op.OpCode.Name)
                {
                    case "Tf":
                        current = maps.GetValueOrDefault(((CName)op.Operands[0]).Name);
                        break;
                    case "Tj" or "'" or "\"":
                        text.Append(Decode(op.Operands.OfType<CString>().Last(), current)).Append('\n');
                        break;
                    case "TJ":
                        foreach (var s in ((CArray)op.Operands[0]).OfType<CString>()) text.Append(Decode(s, current));
                        text.Append('\n');
                        break;
                }
            }
            pages.Add(text.ToString());
        }
        return new Document(document.PageCount, string.Join("\n", pages), pages, document.Info);
    }

    private static string Decode(CString s, Dictionary<int, string>? map)
    {
        if (map is null) return s.Value;
        var sb = new StringBuilder();
        for (var i = 0; i + 1 < s.Value.Length; i += 2)
            sb.Append(map.GetValueOrDefault((s.Value[i] << 8) | s.Value[i + 1], "\uFFFD"));
        return sb.ToString();
    }

    private static Dictionary<int, string> ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfChar().Matches(cmap))
            foreach (Match m in Pair().Matches(block.Groups[1].Value))
                map[Hex(m.Groups[1].Value)] = Utf16(m.Groups[2].Value);
        foreach (Match block in BfRange().Matches(cmap))
            foreach (Match m in Triple().Matches(block.Groups[1].Value))
            {
                int from = Hex(m.Groups[1].Value), to = Hex(m.Groups[2].Value), first = Hex(m.Groups[3].Value);
                for (var g = from; g <= to; g++) map[g] = char.ConvertFromUtf32(first + g - from);
            }
        return map;
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber);

    private static string Utf16(string hex) =>
        new(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Hex(hex.Substring(i * 4, 4))).ToArray());

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)] private static partial Regex BfChar();
    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)] private static partial Regex BfRange();
    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")] private static partial Regex Pair();
    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")] private static partial Regex Triple();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}
