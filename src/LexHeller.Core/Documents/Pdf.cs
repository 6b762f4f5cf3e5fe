using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace LexHeller.Core.Documents;

/// <summary>
/// What every PDF of Lex Heller shares: A4 pages with the same margins, DejaVu Sans embedded (so å, ä and ö print
/// alike on any server), a writer that wraps text over lines and pages, the footer with "Sida X av N", an optional
/// watermark, and tagging for screen readers (PDF/UA through PDFsharp's UAManager: every line sits in a heading or
/// paragraph element, the footer and watermark are artifacts, the document's language is Swedish).
/// Each document's own layout lives with its feature (cases, minutes, compilations).
/// </summary>
/// <remarks>
/// PDFsharp's tagging only follows drawing on the newest page, so the footer cannot be drawn on the earlier pages
/// once the page count is known. The writer therefore lays the document out first (measuring on a scratch page) and
/// records what it draws; <see cref="Finish"/> then draws it once, page by page, with the count in every footer.
/// </remarks>
internal static class Pdf
{
    internal const string Family = "DejaVu Sans";
    internal const string Language = "sv-SE";
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
    private static readonly XFont WatermarkFont = new(Family, 96, XFontStyleEx.Bold, Unicode);
    private static readonly XBrush WatermarkBrush = new XSolidBrush(XColor.FromArgb(0xE4, 0xE4, 0xE4));

    /// <summary>PDFsharp takes one font resolver per process, set before the first font is used.</summary>
    private static bool UseEmbeddedFonts()
    {
        if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            GlobalFontSettings.FontResolver = EmbeddedFontResolver.Instance;
        return true;
    }

    /// <summary>
    /// Draws what the document's <see cref="Writer"/> laid out, tagged, with the notice and "Sida X av N" at the foot
    /// of every page and, for a draft, <paramref name="watermark"/> across every page; returns the file.
    /// <paramref name="pdfA"/> writes it as PDF/A (PDFsharp's PDF/A-1a: XMP identification and an sRGB output intent)
    /// for the archive package; everyday downloads stay plain, as they always were.
    /// </summary>
    internal static byte[] Finish(PdfDocument document, string notice, string? watermark = null, bool pdfA = false)
    {
        var writer = document.Tag as Writer ?? throw new InvalidOperationException("The document was not written with Pdf.Writer.");
        // PDF/A-1 has no transparency; the pale watermark is opaque grey, so a draft could be written too.
        if (pdfA) document.SetPdfA();
        // The manager must exist before the first page: it follows pages and drawing from then on.
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage(Language);
        writer.Replay(document, ua.StructureBuilder, notice, watermark);

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Where a recorded drawing runs: the page's graphics and the document's structure.</summary>
    internal sealed record Canvas(XGraphics Graphics, StructureBuilder Structure);

    /// <summary>
    /// Writes top to bottom, starting a new page whenever the next line would not fit above the footer. Other documents
    /// (minutes, compilations) write with it too, and draw their own boxes through <see cref="Draw"/>. What it writes
    /// is drawn by <see cref="Finish"/>.
    /// </summary>
    internal sealed class Writer : IDisposable
    {
        private readonly PdfDocument _scratch = new();
        private readonly XGraphics _measure;
        private readonly List<Action<Canvas>?> _ops = [];
        private readonly double _pageWidth;
        private readonly double _pageHeight;
        private double _y;
        private int _pages;

        public Writer(PdfDocument document)
        {
            document.Tag = this;
            var page = _scratch.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _pageWidth = page.Width.Point;
            _pageHeight = page.Height.Point;
            _measure = XGraphics.FromPdfPage(page);
            NewPage();
        }

        /// <summary>The width between the margins.</summary>
        public double Width => _pageWidth - 2 * Margin;

        private double Bottom => _pageHeight - Margin - FooterHeight;

        /// <summary>A null entry marks the start of a page.</summary>
        public void NewPage()
        {
            _ops.Add(null);
            _pages++;
            _y = Margin;
        }

        public static double LineHeight(XFont font) => font.GetHeight() * 1.15;

        /// <summary>Makes room for <paramref name="height"/>, on a new page if this one is full; true when it started a new page.</summary>
        public bool Need(double height)
        {
            if (_y + height <= Bottom || _y <= Margin) return false;
            NewPage();
            return true;
        }

        /// <summary>
        /// Hands <paramref name="draw"/> a box of <paramref name="height"/> across the page (on a new page if it does not
        /// fit) and moves below it. What it draws is tagged as one <paramref name="tag"/> element (a paragraph unless said).
        /// </summary>
        public void Draw(double height, Action<XGraphics, XRect> draw, PdfBlockLevelElementTag tag = PdfBlockLevelElementTag.Paragraph)
        {
            Need(height);
            var box = new XRect(Margin, _y, Width, height);
            Element(tag, c => draw(c.Graphics, box));
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

        /// <summary>
        /// Wrapped text as one element: a heading for the title and heading fonts (levels 1 to 3), else a paragraph,
        /// unless <paramref name="tag"/> says otherwise.
        /// </summary>
        public void Text(string text, XFont font, XBrush? brush = null, double indent = 0, double after = 2, double keepLines = 1,
            PdfBlockLevelElementTag? tag = null)
        {
            var lineHeight = LineHeight(font);
            Need(lineHeight * keepLines);
            Begin(tag ?? TagFor(font));
            foreach (var line in Wrap(text, font, Width - indent))
            {
                Need(lineHeight);
                if (line.Length > 0) DrawString(line, font, brush ?? XBrushes.Black, Margin + indent, _y);
                _y += lineHeight;
            }
            End();
            _y += after;
        }

        /// <summary>A label in bold with its value wrapped beside it, read as one paragraph.</summary>
        public void Fact(string label, string value)
        {
            var lineHeight = LineHeight(BodyFont);
            var lines = Wrap(value, BodyFont, Width - LabelWidth);
            Need(lineHeight);
            Begin(PdfBlockLevelElementTag.Paragraph);
            DrawString(label, SubHeadingFont, XBrushes.Black, Margin, _y);
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0) Need(lineHeight);
                DrawString(lines[i], BodyFont, XBrushes.Black, Margin + LabelWidth, _y);
                _y += lineHeight;
            }
            End();
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

        private static PdfBlockLevelElementTag TagFor(XFont font) =>
            font == TitleFont ? PdfBlockLevelElementTag.Heading1
            : font == HeadingFont ? PdfBlockLevelElementTag.Heading2
            : font == SubHeadingFont ? PdfBlockLevelElementTag.Heading3
            : PdfBlockLevelElementTag.Paragraph;

        private void Element(PdfBlockLevelElementTag tag, Action<Canvas> draw)
        {
            Begin(tag);
            _ops.Add(draw);
            End();
        }

        private void Begin(PdfBlockLevelElementTag tag) => _ops.Add(c => c.Structure.BeginElement(tag));

        private void End() => _ops.Add(c => c.Structure.End());

        private void DrawString(string text, XFont font, XBrush brush, double x, double y) =>
            _ops.Add(c => c.Graphics.DrawString(text, font, brush, new XPoint(x, y), XStringFormats.TopLeft));

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

        private bool Fits(string text, XFont font, double width) => _measure.MeasureString(text, font).Width <= width;

        /// <summary>Draws the recorded pages into <paramref name="document"/>, each with its watermark and footer as artifacts.</summary>
        internal void Replay(PdfDocument document, StructureBuilder structure, string notice, string? watermark)
        {
            XGraphics? g = null;
            var number = 0;
            try
            {
                foreach (var op in _ops)
                {
                    if (op is not null)
                    {
                        op(new Canvas(g!, structure));
                        continue;
                    }
                    // The new page first: adding it closes the marked content still open on the previous page,
                    // which is written through that page's graphics.
                    var page = document.AddPage();
                    page.Size = PdfSharp.PageSize.A4;
                    g?.Dispose();
                    g = XGraphics.FromPdfPage(page);
                    number++;
                    structure.BeginArtifact();
                    if (watermark is not null) Watermark(g, watermark);
                    Footer(g, notice, number, _pages);
                    structure.End();
                }
            }
            finally
            {
                g?.Dispose();
            }
        }

        private void Footer(XGraphics g, string notice, int number, int count)
        {
            var y = _pageHeight - Margin + FooterHeight / 2 - 4;
            g.DrawLine(XPens.LightGray, Margin, y - 4, _pageWidth - Margin, y - 4);
            g.DrawString(notice, SmallFont, XBrushes.DimGray, new XPoint(Margin, y), XStringFormats.TopLeft);
            g.DrawString($"Sida {number} av {count}", SmallFont, XBrushes.DimGray, new XPoint(_pageWidth - Margin, y), XStringFormats.TopRight);
        }

        /// <summary>Large and pale across the middle of the page, drawn first so the text lies on top of it.</summary>
        private void Watermark(XGraphics g, string text)
        {
            var centre = new XPoint(_pageWidth / 2, _pageHeight / 2);
            var state = g.Save();
            g.RotateAtTransform(-45, centre);
            g.DrawString(text, WatermarkFont, WatermarkBrush, centre, XStringFormats.Center);
            g.Restore(state);
        }

        public void Dispose()
        {
            _measure.Dispose();
            _scratch.Dispose();
        }
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
