using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace LexHeller.Core.Documents;

/// <summary>
/// What every PDF of Lex Heller shares: A4 pages with the same margins, DejaVu Sans embedded (so å, ä and ö print
/// alike on any server), a writer that wraps text over lines and pages, and the footer with "Sida X av N".
/// Each document's own layout lives with its feature (cases, minutes, compilations).
/// </summary>
internal static class Pdf
{
    internal const string Family = "DejaVu Sans";
    internal const double Margin = 56;
    internal const double FooterHeight = 28;
    internal const double LabelWidth = 150;

    // Static fields are initialised in the order written: the resolver is in place before the first XFont.
    private static readonly bool FontsEmbedded = UseEmbeddedFonts();
    internal static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    internal static readonly XFont TitleFont = new(Family, 17, XFontStyleEx.Bold, Unicode);
    internal static readonly XFont HeadingFont = new(Family, 12.5, XFontStyleEx.Bold, Unicode);
    internal static readonly XFont SubHeadingFont = new(Family, 10.5, XFontStyleEx.Bold, Unicode);
    internal static readonly XFont BodyFont = new(Family, 10.5, XFontStyleEx.Regular, Unicode);
    internal static readonly XFont SmallFont = new(Family, 8.5, XFontStyleEx.Regular, Unicode);
    internal static readonly XFont SmallBoldFont = new(Family, 8.5, XFontStyleEx.Bold, Unicode);

    /// <summary>PDFsharp takes one font resolver per process, set before the first font is used.</summary>
    private static bool UseEmbeddedFonts()
    {
        if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            GlobalFontSettings.FontResolver = EmbeddedFontResolver.Instance;
        return true;
    }

    /// <summary>Puts the notice and "Sida X av N" at the foot of every page and returns the file.</summary>
    internal static byte[] Finish(PdfDocument document, string notice)
    {
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin + FooterHeight / 2 - 4;
            g.DrawLine(XPens.LightGray, Margin, y - 4, page.Width.Point - Margin, y - 4);
            g.DrawString(notice, SmallFont, XBrushes.DimGray, new XPoint(Margin, y), XStringFormats.TopLeft);
            g.DrawString($"Sida {i + 1} av {document.PageCount}", SmallFont, XBrushes.DimGray, new XPoint(page.Width.Point - Margin, y), XStringFormats.TopRight);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>
    /// Writes top to bottom, starting a new page whenever the next line would not fit above the footer. Other documents
    /// (minutes, compilations) write with it too, and draw their own boxes through <see cref="Draw"/>.
    /// </summary>
    internal sealed class Writer : IDisposable
    {
        private readonly PdfDocument _document;
        private XGraphics _g = null!;
        private double _y;
        private double _width;
        private double _bottom;

        public Writer(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        /// <summary>The width between the margins.</summary>
        public double Width => _width;

        public void NewPage()
        {
            _g?.Dispose();
            var page = _document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _g = XGraphics.FromPdfPage(page);
            _y = Margin;
            _width = page.Width.Point - 2 * Margin;
            _bottom = page.Height.Point - Margin - FooterHeight;
        }

        public static double LineHeight(XFont font) => font.GetHeight() * 1.15;

        /// <summary>Makes room for <paramref name="height"/>, on a new page if this one is full; true when it started a new page.</summary>
        public bool Need(double height)
        {
            if (_y + height <= _bottom || _y <= Margin) return false;
            NewPage();
            return true;
        }

        /// <summary>Hands <paramref name="draw"/> a box of <paramref name="height"/> across the page (on a new page if it does not fit) and moves below it.</summary>
        public void Draw(double height, Action<XGraphics, XRect> draw)
        {
            Need(height);
            draw(_g, new XRect(Margin, _y, _width, height));
            _y += height;
        }

        /// <summary>Moves down by <paramref name="height"/> without drawing.</summary>
        public void Space(double height) => _y += height;

        public void Heading(string text)
        {
            _y += 8;
            // A heading never ends a page on its own: it keeps two body lines with it.
            Text(text, HeadingFont, after: 3, keepLines: 1 + 2 * LineHeight(BodyFont) / LineHeight(HeadingFont));
        }

        public void Section(string heading, string? text)
        {
            Heading(heading);
            Text(string.IsNullOrWhiteSpace(text) ? "–" : text, BodyFont, after: 4);
        }

        public void Text(string text, XFont font, XBrush? brush = null, double indent = 0, double after = 2, double keepLines = 1)
        {
            var lineHeight = LineHeight(font);
            Need(lineHeight * keepLines);
            foreach (var line in Wrap(text, font, _width - indent))
            {
                Need(lineHeight);
                if (line.Length > 0)
                    _g.DrawString(line, font, brush ?? XBrushes.Black, new XPoint(Margin + indent, _y), XStringFormats.TopLeft);
                _y += lineHeight;
            }
            _y += after;
        }

        /// <summary>A label in bold with its value wrapped beside it.</summary>
        public void Fact(string label, string value)
        {
            var lineHeight = LineHeight(BodyFont);
            var lines = Wrap(value, BodyFont, _width - LabelWidth);
            Need(lineHeight);
            _g.DrawString(label, SubHeadingFont, XBrushes.Black, new XPoint(Margin, _y), XStringFormats.TopLeft);
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0) Need(lineHeight);
                _g.DrawString(lines[i], BodyFont, XBrushes.Black, new XPoint(Margin + LabelWidth, _y), XStringFormats.TopLeft);
                _y += lineHeight;
            }
            _y += 2;
        }

        /// <summary>Breaks text into lines no wider than <paramref name="width"/>: at spaces, and inside a word only when it is longer than a line.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' ').Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (Fits(candidate, font, width)) { line = candidate; continue; }
                    if (line.Length > 0) lines.Add(line);
                    line = word;
                    while (line.Length > 1 && !Fits(line, font, width))
                    {
                        var n = LongestFittingPrefix(line, font, width);
                        lines.Add(line[..n]);
                        line = line[n..];
                    }
                }
                lines.Add(line);
            }
            return lines;
        }

        /// <summary>Binary search, so that a very long word costs a few measurements per line, not one per character.</summary>
        private int LongestFittingPrefix(string text, XFont font, double width)
        {
            int lo = 1, hi = text.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (Fits(text[..mid], font, width)) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        private bool Fits(string text, XFont font, double width) => _g.MeasureString(text, font).Width <= width;

        public void Dispose() => _g.Dispose();
    }
}

/// <summary>Serves DejaVu Sans (regular and bold) from the assembly's embedded resources, whatever family is asked for.</summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public static readonly EmbeddedFontResolver Instance = new();

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private readonly ConcurrentDictionary<string, byte[]> _faces = new();

    private EmbeddedFontResolver() { }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[] GetFont(string faceName) => _faces.GetOrAdd(faceName, static face =>
    {
        var name = $"LexHeller.Core.Documents.Fonts.{face}.ttf";
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in LexHeller.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
