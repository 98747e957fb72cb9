namespace Judging.App.Scoring;

using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

/// <summary>
/// The judge report as a PDF (issue 14, §1; PDFsharp 6.2.4): A4 landscape, the title and rule, then the judges table and the
/// flagged cards table of a <see cref="JudgeReportTable"/>, repeated headers on each new page. Chinese needs a TrueType CJK
/// font: the first of <see cref="FontPaths"/> that exists is handed to PDFsharp through its <see cref="IFontResolver"/>
/// (<see cref="GlobalFontSettings.FontResolver"/>, set once per process) and embedded as a subset. Noto CJK, which Debian
/// ships as a collection with CFF outlines, is not on the list: PDFsharp reads TrueType outlines only.
/// </summary>
public static class JudgeReportPdf
{
    /// <summary>Where a TrueType CJK font is looked for, in order (Debian's fonts-wqy-zenhei first, then fonts-wqy-microhei, fonts-arphic-uming).</summary>
    public static readonly IReadOnlyList<string> FontPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    private const string Family = "JudgingCjk";
    private static readonly Lock gate = new();
    private static CjkFontResolver? resolver;

    /// <summary>
    /// True once a font of <see cref="FontPaths"/> is installed as PDFsharp's font resolver; looks again on each call until one
    /// is found (a font installed while the app runs is picked up).
    /// </summary>
    public static bool FontAvailable
    {
        get
        {
            lock (gate)
            {
                if (resolver is not null) return true;
                if (FontPaths.FirstOrDefault(File.Exists) is not { } path) return false;
                resolver = new CjkFontResolver(FirstFace(File.ReadAllBytes(path)));
                GlobalFontSettings.FontResolver = resolver;
                return true;
            }
        }
    }

    /// <summary>The PDF of <paramref name="table"/>. Throws <see cref="InvalidOperationException"/> when <see cref="FontAvailable"/> is false.</summary>
    public static byte[] Render(JudgeReportTable table, DateTimeOffset generatedAt, string generatedLabel)
    {
        if (!FontAvailable) throw new InvalidOperationException("No CJK TrueType font found in " + string.Join(", ", FontPaths));
        var document = new PdfDocument();
        document.Info.Title = table.Title;
        document.Info.Creator = "Judging";
        var writer = new Writer(document);
        writer.Text(table.Title, writer.TitleFont, 22);
        writer.Text($"{generatedLabel} {Judging.Domain.Competitions.ShanghaiTime.ToLocal(generatedAt):yyyy-MM-dd HH:mm}", writer.Font, 16);
        writer.Text(table.Rule, writer.Font, 22);
        writer.Text(table.JudgesCaption, writer.HeadFont, 18);
        writer.Table(table.JudgesHeader, table.JudgeRows, [1, 1.2, 0.9, 1.4, 1.1, 1.4, 1.1, 1.1, 1.1]);
        writer.Gap(16);
        writer.Text(table.FlaggedCaption, writer.HeadFont, 18);
        if (table.FlaggedRows.Count == 0) writer.Text(table.NoFlags, writer.Font, 16);
        else writer.Table(table.FlaggedHeader, table.FlaggedRows, [2.4, 1.5, 1.2, 0.8, 1.3, 1.0, 1.2, 2.2, 2.6]);
        writer.Done();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Lays text and tables out top to bottom over as many pages as needed.</summary>
    private sealed class Writer
    {
        private const double Margin = 36, CellPad = 3, LineHeight = 12;
        private readonly PdfDocument document;
        private PdfPage page = null!;
        private XGraphics gfx = null!;
        private double y;

        public XFont Font { get; } = new(Family, 9, XFontStyleEx.Regular);
        public XFont HeadFont { get; } = new(Family, 11, XFontStyleEx.Bold);
        public XFont TitleFont { get; } = new(Family, 16, XFontStyleEx.Bold);

        public Writer(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        private double Width => page.Width.Point - 2 * Margin;
        private double Bottom => page.Height.Point - Margin;

        private void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        public void Gap(double points) => y += points;

        public void Text(string text, XFont font, double height)
        {
            foreach (var line in Wrap(text, font, Width))
            {
                if (y + height > Bottom) NewPage();
                gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
                y += height;
            }
        }

        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, double[] weights)
        {
            var sum = weights.Sum();
            var widths = weights.Select(w => Width * w / sum).ToArray();
            Row(header, widths, header: true);
            foreach (var row in rows)
            {
                if (y + RowHeight(row, widths) > Bottom)
                {
                    NewPage();
                    Row(header, widths, header: true);
                }
                Row(row, widths, header: false);
            }
        }

        private double RowHeight(IReadOnlyList<string> cells, double[] widths) =>
            cells.Select((c, i) => Wrap(c, Font, widths[i] - 2 * CellPad).Count).DefaultIfEmpty(1).Max() * LineHeight + 2 * CellPad;

        private void Row(IReadOnlyList<string> cells, double[] widths, bool header)
        {
            var height = RowHeight(cells, widths);
            var x = Margin;
            if (header) gfx.DrawRectangle(XBrushes.Gainsboro, Margin, y, Width, height);
            for (var i = 0; i < widths.Length; i++)
            {
                gfx.DrawRectangle(XPens.Gray, x, y, widths[i], height);
                var lineY = y + CellPad;
                foreach (var line in Wrap(i < cells.Count ? cells[i] : "", Font, widths[i] - 2 * CellPad))
                {
                    gfx.DrawString(line, Font, XBrushes.Black, new XRect(x + CellPad, lineY, widths[i] - 2 * CellPad, LineHeight), XStringFormats.TopLeft);
                    lineY += LineHeight;
                }
                x += widths[i];
            }
            y += height;
        }

        /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/>, character by character (Chinese has no spaces).</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var ch in text)
            {
                if (current.Length > 0 && gfx.MeasureString(current + ch, font).Width > width)
                {
                    lines.Add(current);
                    current = "";
                }
                current += ch;
            }
            lines.Add(current);
            return lines;
        }

        public void Done() => gfx.Dispose();
    }

    /// <summary>
    /// The first face of a TrueType collection (.ttc, "ttcf") as a standalone TrueType font, which PDFsharp can read (it
    /// fails on a collection); a font that is not a collection is returned as it is. The face's table directory is copied with
    /// its tables, each table 4-byte aligned at its new offset (checksums are per table and stay valid).
    /// </summary>
    public static byte[] FirstFace(byte[] font)
    {
        if (font.Length < 12 || font[0] != 't' || font[1] != 't' || font[2] != 'c' || font[3] != 'f') return font;
        static uint U32(byte[] b, int at) => (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
        static void Put32(byte[] b, int at, uint v) { b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v; }
        var face = (int)U32(font, 12);
        var tables = font[face + 4] << 8 | font[face + 5];
        var directory = 12 + 16 * tables;
        var size = directory + Enumerable.Range(0, tables).Sum(i => ((int)U32(font, face + 12 + 16 * i + 12) + 3) & ~3);
        var ttf = new byte[size];
        Array.Copy(font, face, ttf, 0, directory);
        var at = directory;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var offset = (int)U32(font, face + record + 8);
            var length = (int)U32(font, face + record + 12);
            Array.Copy(font, offset, ttf, at, length);
            Put32(ttf, record + 8, (uint)at);
            at += (length + 3) & ~3;
        }
        return ttf;
    }

    /// <summary>Every family and style resolves to the one CJK face (bold and italic simulated), the first face of a font collection.</summary>
    private sealed class CjkFontResolver(byte[] font) : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

        public byte[]? GetFont(string faceName) => font;
    }
}
