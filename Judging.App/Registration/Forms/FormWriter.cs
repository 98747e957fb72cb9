namespace Judging.App.Registration.Forms;

using System.Text;
using Judging.App.Hosting;
using Judging.Domain.Competitions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

/// <summary>A piece of a cell's or paragraph's content (issue 15, "PDF"), laid out left to right and wrapped per character.</summary>
internal abstract record Run;

/// <summary>Text; <paramref name="Bold"/> for a caption, <paramref name="Hint"/> for a grey hint such as "（演讲/微电影填）".</summary>
internal sealed record TextRun(string Value, bool Bold = false, bool Hint = false) : Run;

/// <summary>A tick box and its label, kept on one line when the line can hold them; ticked draws √ in the box.</summary>
internal sealed record OptionRun(bool Ticked, string Label) : Run;

/// <summary>A forced line break.</summary>
internal sealed record BreakRun : Run;

/// <summary>White space of <paramref name="Points"/> (a gap between options, room to write by hand).</summary>
internal sealed record GapRun(double Points) : Run;

/// <summary>Horizontal placement of a cell's lines.</summary>
internal enum HAlign { Left, Center, Right }

/// <summary>Vertical placement of a cell's lines in a taller row.</summary>
internal enum VAlign { Top, Middle, Bottom }

/// <summary>A bordered table cell spanning <paramref name="Span"/> columns.</summary>
internal sealed record Cell(IReadOnlyList<Run> Runs, int Span = 1, HAlign Align = HAlign.Left, VAlign VAlign = VAlign.Middle)
{
    /// <summary>A label cell: the text centred both ways.</summary>
    public static Cell Label(string text, int span = 1) => new([new TextRun(text)], span, HAlign.Center, VAlign.Middle);

    /// <summary>A value cell: the text left-aligned, centred vertically.</summary>
    public static Cell Value(string? text, int span = 1) => new([new TextRun(text ?? "")], span);
}

/// <summary>A table row at least <paramref name="MinHeight"/> points high.</summary>
internal sealed record Row(IReadOnlyList<Cell> Cells, double MinHeight = 0, bool Bold = false);

/// <summary>
/// Lays the registration forms out on A4 portrait pages (issue 15, "PDF"; PDFsharp 6.2.4 with <see cref="CjkFonts"/>): centred
/// titles, headings, paragraphs and bordered tables whose rows move to the next page whole (a row taller than a page is split
/// line by line), with the table's header row repeated on each page it continues on. Text wraps per character (Chinese has no
/// spaces); closing punctuation never starts a line and opening punctuation never ends one. Tick boxes are drawn (the font has
/// no ☐/☑), the tick as the font's √ so that it reads back as text just before its label. <see cref="Finish"/> adds the footer
/// (reference, "第 n 页 共 N 页", time of generation in Beijing time) to every page and returns the PDF's bytes.
/// </summary>
internal sealed class FormWriter
{
    public const double Margin = 56, TopMargin = 50, BottomMargin = 54, Pad = 4, LineHeight = 15, BoxSize = 8.5, BoxGap = 2.5, OptionGap = 9;

    private const string Closing = "，。、；：？！）》」』”’】〕〉…%,.;:?!)]}";
    private const string Opening = "（《「『“‘【〔〈([{";

    private readonly PdfDocument document = new();
    private readonly Dictionary<(XFont, string), double> widths = [];
    private PdfPage page = null!;
    private XGraphics gfx = null!;
    private double y;

    public XFont Body { get; } = new(CjkFonts.Family, 10.5, XFontStyleEx.Regular);
    public XFont BodyBold { get; } = new(CjkFonts.Family, 10.5, XFontStyleEx.Bold);
    public XFont Small { get; } = new(CjkFonts.Family, 9, XFontStyleEx.Regular);
    public XFont Heading { get; } = new(CjkFonts.Family, 12, XFontStyleEx.Bold);
    public XFont Title { get; } = new(CjkFonts.Family, 17, XFontStyleEx.Bold);

    private static readonly XPen Thin = new(XColors.Black, 0.6);
    private static readonly XPen Thick = new(XColors.Black, 1.2);
    private static readonly XBrush HintBrush = new XSolidBrush(XColor.FromArgb(110, 110, 110));

    /// <summary>Starts the document with its first page; throws <see cref="InvalidOperationException"/> when no CJK font is installed.</summary>
    public FormWriter(string title)
    {
        CjkFonts.EnsureAvailable();
        document.Info.Title = title;
        document.Info.Creator = "Judging";
        NewPage();
    }

    public double Width => page.Width.Point - 2 * Margin;
    private double Bottom => page.Height.Point - BottomMargin;

    /// <summary>Points left on the current page.</summary>
    public double Room => Bottom - y;

    public void NewPage()
    {
        gfx?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Portrait;
        gfx = XGraphics.FromPdfPage(page);
        y = TopMargin;
    }

    public void Gap(double points) => y += points;

    /// <summary>Lines of text, each centred (a title), moving to a new page when one does not fit.</summary>
    public void Centered(string text, XFont font, double lineHeight)
    {
        foreach (var line in Lay([new TextRun(text)], Width, font))
        {
            if (y + lineHeight > Bottom) NewPage();
            DrawLine(line, Margin + (Width - line.Width) / 2, y + (lineHeight - font.Height) / 2, font);
            y += lineHeight;
        }
    }

    /// <summary>A paragraph over the full width, its first line indented by <paramref name="indent"/> points.</summary>
    public void Paragraph(IReadOnlyList<Run> runs, XFont font, double lineHeight, double indent = 0)
    {
        IReadOnlyList<Run> content = indent > 0 ? [new GapRun(indent), .. runs] : runs;
        foreach (var line in Lay(content, Width, font))
        {
            if (y + lineHeight > Bottom) NewPage();
            DrawLine(line, Margin, y + (lineHeight - font.Height) / 2, font);
            y += lineHeight;
        }
    }

    /// <summary>Starts a new page unless <paramref name="points"/> fit on this one (keeps a block together).</summary>
    public void Keep(double points)
    {
        if (y + points > Bottom) NewPage();
    }

    /// <summary>Lays <paramref name="runs"/> out in <paramref name="width"/> points and returns its height at <paramref name="lineHeight"/>.</summary>
    public double Height(IReadOnlyList<Run> runs, double width, XFont font, double lineHeight) => Lay(runs, width, font).Count * lineHeight;

    /// <summary>Draws <paramref name="runs"/> in a box at the current height without moving down (side-by-side blocks).</summary>
    public void Block(IReadOnlyList<Run> runs, double x, double width, XFont font, double lineHeight, HAlign align = HAlign.Left, double top = 0)
    {
        var lineY = y + top;
        foreach (var line in Lay(runs, width, font))
        {
            DrawLine(line, x + Offset(align, width, line.Width), lineY + (lineHeight - font.Height) / 2, font);
            lineY += lineHeight;
        }
    }

    /// <summary>
    /// A bordered table with columns of <paramref name="weights"/> (shares of the full width); <paramref name="header"/>, when
    /// given, opens the table and every page it continues on. A row moves whole to the next page; one taller than a page is split.
    /// </summary>
    public void Table(double[] weights, IReadOnlyList<Row> rows, Row? header = null)
    {
        var sum = weights.Sum();
        var columns = weights.Select(w => Width * w / sum).ToArray();
        var top = y;
        void Frame()
        {
            if (y > top) gfx.DrawRectangle(Thick, Margin, top, Width, y - top);
        }
        void Break()
        {
            Frame();
            NewPage();
            top = y;
            if (header is not null) DrawRow(Measure(header, columns), columns);
        }
        if (header is not null)
        {
            var measuredHeader = Measure(header, columns);
            if (y + measuredHeader.Height + LineHeight + 2 * Pad > Bottom) { NewPage(); top = y; }
            DrawRow(measuredHeader, columns);
        }
        var headerHeight = header is null ? 0 : Measure(header, columns).Height;
        foreach (var row in rows)
        {
            var measured = Measure(row, columns);
            if (y + measured.Height > Bottom && measured.Height <= Bottom - TopMargin - headerHeight) Break();
            while (y + measured.Height > Bottom)
            {
                // Taller than what is left of a page: as many lines as fit here, the rest on the next page.
                var fit = (int)((Bottom - y - 2 * Pad) / LineHeight);
                if (fit < 1) { Break(); continue; }
                var (head, rest) = measured.Split(fit);
                DrawRow(head, columns);
                measured = rest;
                Break();
            }
            DrawRow(measured, columns);
        }
        Frame();
    }

    /// <summary>Adds the footer to every page and returns the document's bytes.</summary>
    public byte[] Finish(string? reference, DateTimeOffset generatedAt)
    {
        gfx.Dispose();
        var count = document.PageCount;
        var left = reference is { Length: > 0 } ? "编号：" + reference : "";
        var right = $"生成时间：{ShanghaiTime.ToLocal(generatedAt):yyyy-MM-dd HH:mm}（北京时间）";
        for (var i = 0; i < count; i++)
        {
            using var footer = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var line = document.Pages[i].Height.Point - BottomMargin + 20;
            var width = document.Pages[i].Width.Point - 2 * Margin;
            footer.DrawLine(new XPen(XColor.FromArgb(160, 160, 160), 0.4), Margin, line - 4, Margin + width, line - 4);
            footer.DrawString(left, Small, HintBrush, new XRect(Margin, line, width, 12), XStringFormats.TopLeft);
            footer.DrawString($"第 {i + 1} 页 共 {count} 页", Small, HintBrush, new XRect(Margin, line, width, 12), XStringFormats.TopCenter);
            footer.DrawString(right, Small, HintBrush, new XRect(Margin, line, width, 12), XStringFormats.TopRight);
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static double Offset(HAlign align, double width, double used) => align switch
    {
        HAlign.Center => Math.Max(0, (width - used) / 2),
        HAlign.Right => Math.Max(0, width - used),
        _ => 0,
    };

    private sealed record MeasuredCell(Cell Cell, double Width, List<Line> Lines);

    private sealed record MeasuredRow(Row Row, List<MeasuredCell> Cells, double Height)
    {
        /// <summary>The first <paramref name="lines"/> lines of every cell, and the rest.</summary>
        public (MeasuredRow Head, MeasuredRow Tail) Split(int lines)
        {
            var head = Cells.Select(c => c with { Lines = c.Lines.Take(lines).ToList() }).ToList();
            var rest = Cells.Select(c => c with { Lines = c.Lines.Skip(lines).ToList() }).ToList();
            static double HeightOf(List<MeasuredCell> cells) => cells.Max(c => Math.Max(1, c.Lines.Count)) * LineHeight + 2 * Pad;
            return (this with { Cells = head, Height = HeightOf(head) }, this with { Cells = rest, Height = Math.Max(HeightOf(rest), Row.MinHeight - HeightOf(head)) });
        }
    }

    private MeasuredRow Measure(Row row, double[] columns)
    {
        var cells = new List<MeasuredCell>();
        var column = 0;
        foreach (var cell in row.Cells)
        {
            var width = columns.Skip(column).Take(cell.Span).Sum();
            column += cell.Span;
            cells.Add(new MeasuredCell(cell, width, Lay(cell.Runs, width - 2 * Pad, row.Bold ? BodyBold : Body)));
        }
        var height = Math.Max(row.MinHeight, cells.Max(c => Math.Max(1, c.Lines.Count)) * LineHeight + 2 * Pad);
        return new MeasuredRow(row, cells, height);
    }

    private void DrawRow(MeasuredRow row, double[] columns)
    {
        var x = Margin;
        var font = row.Row.Bold ? BodyBold : Body;
        foreach (var cell in row.Cells)
        {
            gfx.DrawRectangle(Thin, x, y, cell.Width, row.Height);
            var used = cell.Lines.Count * LineHeight;
            var lineY = y + cell.Cell.VAlign switch
            {
                VAlign.Top => Pad,
                VAlign.Bottom => row.Height - Pad - used,
                _ => (row.Height - used) / 2,
            };
            foreach (var line in cell.Lines)
            {
                DrawLine(line, x + Pad + Offset(cell.Cell.Align, cell.Width - 2 * Pad, line.Width), lineY + (LineHeight - font.Height) / 2, font);
                lineY += LineHeight;
            }
            x += cell.Width;
        }
        y += row.Height;
    }

    /// <summary>One laid-out line: pieces at x offsets from its left edge.</summary>
    private sealed class Line
    {
        public List<Piece> Pieces { get; } = [];
        public double Width { get; set; }
    }

    /// <summary>Text (<see cref="Text"/> not null) or a tick box (<see cref="Ticked"/> not null) at <see cref="X"/>.</summary>
    private sealed class Piece(double x)
    {
        public double X { get; } = x;
        public StringBuilder Text { get; } = new();
        public bool? Ticked { get; init; }
        public bool Bold { get; init; }
        public bool Hint { get; init; }
    }

    /// <summary>Characters of a number, Latin word, phone number or e-mail address, kept on one line when they can be.</summary>
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '@' or '-' or '_';

    private static bool IsWordChar(string ch) => ch.Length == 1 && IsWordChar(ch[0]);

    private const int MaxWord = 24;

    private double CharWidth(string ch, XFont font)
    {
        if (!widths.TryGetValue((font, ch), out var width))
            widths[(font, ch)] = width = gfx.MeasureString(ch, font).Width;
        return width;
    }

    private List<Line> Lay(IReadOnlyList<Run> runs, double width, XFont font)
    {
        var lines = new List<Line> { new() };
        var x = 0.0;
        Line Current() => lines[^1];
        void NewLine()
        {
            lines.Add(new Line());
            x = 0;
        }
        void End(double right) => Current().Width = Math.Max(Current().Width, right);

        void Place(string text, bool bold, bool hint)
        {
            var measureFont = bold ? BodyBold : font;
            var piece = new Piece(x) { Bold = bold, Hint = hint };
            Current().Pieces.Add(piece);
            foreach (var rune in text.EnumerateRunes())
            {
                var ch = rune.ToString();
                if (ch == "\n")
                {
                    NewLine();
                    piece = new Piece(0) { Bold = bold, Hint = hint };
                    Current().Pieces.Add(piece);
                    continue;
                }
                var w = CharWidth(ch, measureFont);
                if (x + w > width && x > 0 && !Closing.Contains(ch, StringComparison.Ordinal))
                {
                    // What moves to the next line with ch: a number or Latin word it continues (when shorter than
                    // MaxWord and not the line's only content), then an opening punctuation mark before it.
                    var keep = piece.Text.Length;
                    if (IsWordChar(ch))
                    {
                        var start = keep;
                        while (start > 0 && IsWordChar(piece.Text[start - 1])) start--;
                        if (keep - start < MaxWord && (start > 0 || piece.X > 0)) keep = start;
                    }
                    if (keep > 1 && Opening.Contains(piece.Text[keep - 1])) keep--;
                    var carry = piece.Text.ToString(keep, piece.Text.Length - keep);
                    if (carry.Length > 0)
                    {
                        piece.Text.Length = keep;
                        x -= carry.EnumerateRunes().Sum(r => CharWidth(r.ToString(), measureFont));
                        Current().Width = x; // the piece is the line's last
                    }
                    NewLine();
                    piece = new Piece(0) { Bold = bold, Hint = hint };
                    Current().Pieces.Add(piece);
                    piece.Text.Append(carry);
                    x = carry.EnumerateRunes().Sum(r => CharWidth(r.ToString(), measureFont));
                    End(x);
                    if (ch == " " && carry.Length == 0) continue;
                }
                piece.Text.Append(ch);
                x += w;
                End(x);
            }
        }

        foreach (var run in runs)
        {
            switch (run)
            {
                case BreakRun:
                    NewLine();
                    break;
                case GapRun gap:
                    // A gap that would overflow is dropped: what follows wraps by itself.
                    if (x + gap.Points <= width)
                    {
                        x += gap.Points;
                        End(x);
                    }
                    break;
                case OptionRun option:
                    var whole = BoxSize + BoxGap + option.Label.EnumerateRunes().Sum(r => CharWidth(r.ToString(), font));
                    if (x > 0 && x + whole > width) NewLine();
                    Current().Pieces.Add(new Piece(x) { Ticked = option.Ticked });
                    x += BoxSize + BoxGap;
                    End(x);
                    Place(option.Label, false, false);
                    break;
                case TextRun text:
                    Place(text.Value, text.Bold, text.Hint);
                    break;
            }
        }
        return lines;
    }

    private void DrawLine(Line line, double left, double top, XFont font)
    {
        foreach (var piece in line.Pieces)
        {
            if (piece.Ticked is { } ticked)
            {
                var boxTop = top + (font.Height - BoxSize) / 2;
                gfx.DrawRectangle(new XPen(XColors.Black, 0.7), left + piece.X, boxTop, BoxSize, BoxSize);
                if (ticked)
                {
                    var tick = new XFont(CjkFonts.Family, BoxSize + 1, XFontStyleEx.Bold);
                    var w = gfx.MeasureString("√", tick).Width;
                    gfx.DrawString("√", tick, XBrushes.Black, new XRect(left + piece.X + (BoxSize - w) / 2, boxTop + (BoxSize - tick.Height) / 2 - 0.5, w, tick.Height), XStringFormats.TopLeft);
                }
                continue;
            }
            if (piece.Text.Length == 0) continue;
            var pieceFont = piece.Bold ? new XFont(CjkFonts.Family, font.Size, XFontStyleEx.Bold) : font;
            var usedFont = piece.Hint ? new XFont(CjkFonts.Family, font.Size - 1, XFontStyleEx.Regular) : pieceFont;
            gfx.DrawString(piece.Text.ToString(), usedFont, piece.Hint ? HintBrush : XBrushes.Black,
                new XRect(left + piece.X, top + (font.Height - usedFont.Height) / 2, 1000, usedFont.Height), XStringFormats.TopLeft);
        }
    }
}
