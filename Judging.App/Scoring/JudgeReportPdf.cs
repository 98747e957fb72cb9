namespace Judging.App.Scoring;

using Judging.App.Hosting;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

/// <summary>
/// The judge report as a PDF (issue 14, §1; PDFsharp 6.2.4): A4 landscape, the title and rule, then the judges table and the
/// flagged cards table of a <see cref="JudgeReportTable"/>, repeated headers on each new page. Chinese is drawn with
/// <see cref="CjkFonts"/> (a TrueType CJK font, embedded as a subset).
/// </summary>
public static class JudgeReportPdf
{
    /// <summary>The PDF of <paramref name="table"/>. Throws <see cref="InvalidOperationException"/> when <see cref="CjkFonts.Available"/> is false.</summary>
    public static byte[] Render(JudgeReportTable table, DateTimeOffset generatedAt, string generatedLabel)
    {
        CjkFonts.EnsureAvailable();
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

        public XFont Font { get; } = new(CjkFonts.Family, 9, XFontStyleEx.Regular);
        public XFont HeadFont { get; } = new(CjkFonts.Family, 11, XFontStyleEx.Bold);
        public XFont TitleFont { get; } = new(CjkFonts.Family, 16, XFontStyleEx.Bold);

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
}
