namespace Judging.App.Programmes.Forms;

using System.Globalization;
using System.Text;
using Judging.App.Hosting;
using Judging.App.Programmes.Stages;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

/// <summary>
/// The certificates (证书, issue 16: "Certificates (PDF, one A4 page each, CJK embedded) with the programme's wording and level,
/// for organisations and for individuals"): one A4 portrait page per certificate, drawn with PDFsharp 6 and the app's CJK font
/// (<see cref="CjkFonts"/>, embedded as a subset, as <see cref="ProgrammeFormPdf"/>'s forms are). Each page: a double frame, the
/// title 荣誉证书, the holder (a person with 所在单位), the project when there is one, "经{programme}评审审定，荣获" and the level,
/// 特发此证, the issuing body (programme.csv 主办单位) and the day of issue (Beijing, 2026年1月15日), and the number at the foot.
/// Chinese whatever the reader's language: this is the certificate itself.
/// </summary>
public static class ProgrammeCertificatePdf
{
    private const double Side = 90, LineGap = 1.6;

    /// <summary>
    /// The PDF of <paramref name="certificates"/> of <paramref name="programme"/>, one page each, in the order given. Throws
    /// <see cref="ArgumentException"/> when the list is empty and <see cref="InvalidOperationException"/> when no CJK font is
    /// installed (<see cref="CjkFonts.Available"/>).
    /// </summary>
    public static byte[] Render(ProgrammeDefinition programme, IReadOnlyList<CertificateRow> certificates)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(certificates);
        if (certificates.Count == 0) throw new ArgumentException("没有证书", nameof(certificates));
        CjkFonts.EnsureAvailable();
        using var document = new PdfDocument();
        document.Info.Title = certificates.Count == 1 ? $"{programme.Name} 证书 {certificates[0].Number}" : $"{programme.Name} 证书";
        document.Info.Creator = "Judging";
        foreach (var c in certificates) Page(document, programme, c);
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The download name: "证书 {number}.pdf", or "{code} 证书.pdf" for all.</summary>
    public static string FileName(string codeOrNumber, bool all) => all ? $"{codeOrNumber}-certificates.pdf" : $"{codeOrNumber}.pdf";

    private static void Page(PdfDocument document, ProgrammeDefinition programme, CertificateRow c)
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Portrait;
        using var gfx = XGraphics.FromPdfPage(page);
        double w = page.Width.Point, h = page.Height.Point;
        var red = XColor.FromArgb(160, 20, 20);
        gfx.DrawRectangle(new XPen(red, 3), 30, 30, w - 60, h - 60);
        gfx.DrawRectangle(new XPen(red, 0.8), 40, 40, w - 80, h - 80);

        var title = new XFont(CjkFonts.Family, 40, XFontStyleEx.Bold);
        var big = new XFont(CjkFonts.Family, 26, XFontStyleEx.Bold);
        var name = new XFont(CjkFonts.Family, 20, XFontStyleEx.Bold);
        var body = new XFont(CjkFonts.Family, 16, XFontStyleEx.Regular);
        var small = new XFont(CjkFonts.Family, 11, XFontStyleEx.Regular);
        var width = w - 2 * Side;

        gfx.DrawString("荣 誉 证 书", title, new XSolidBrush(red), new XRect(0, 130, w, 50), XStringFormats.TopCenter);
        var y = 250.0;
        y = Lines(gfx, c.Holder + "：", name, Side, y, width, XStringFormats.TopLeft);
        if (c.HolderUnit.Length > 0) y = Lines(gfx, $"（{c.HolderUnit}）", body, Side, y, width, XStringFormats.TopLeft);
        y += 12;
        if (c.Project.Length > 0) y = Lines(gfx, $"　　项目：{c.Project}", body, Side, y, width, XStringFormats.TopLeft);
        y = Lines(gfx, $"　　经{programme.Name}评审审定，荣获", body, Side, y, width, XStringFormats.TopLeft);
        y += 16;
        y = Lines(gfx, c.Level, big, Side, y, width, XStringFormats.TopCenter);
        y += 16;
        Lines(gfx, "　　特发此证。", body, Side, y, width, XStringFormats.TopLeft);

        var day = ShanghaiTime.ToLocal(c.IssuedAt);
        var right = new XRect(Side, h - 260, width, 30);
        Lines(gfx, programme.Organiser, body, right.X, right.Y, width, XStringFormats.TopRight);
        Lines(gfx, day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture), body, right.X, right.Y + 30, width, XStringFormats.TopRight);
        gfx.DrawString($"证书编号：{c.Number}", small, XBrushes.Black, new XRect(Side, h - 120, width, 16), XStringFormats.TopLeft);
    }

    /// <summary>Draws <paramref name="text"/> wrapped per character in <paramref name="width"/> points; returns the y below it.</summary>
    private static double Lines(XGraphics gfx, string text, XFont font, double x, double y, double width, XStringFormat align)
    {
        var height = font.Size * LineGap;
        foreach (var line in Wrap(gfx, text, font, width))
        {
            gfx.DrawString(line, font, XBrushes.Black, new XRect(x, y, width, height), align);
            y += height;
        }
        return y;
    }

    private static IEnumerable<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var line = new StringBuilder();
        foreach (var ch in text)
        {
            if (line.Length > 0 && gfx.MeasureString(line.ToString() + ch, font).Width > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            line.Append(ch);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
