namespace Judging.App.Registration.Forms;

using System.Globalization;
using Judging.Domain.Competitions;

/// <summary>
/// 附件3 参赛作品推荐表 as a PDF (issue 15, "The recommendation table (附件3)"; seed 000, 附件3): A4 portrait, the title, the
/// recommender's name with room for its stamp, 一、推荐目录 as a bordered table (排序 / 申报单位名称（全称） / 参赛作品名称 / 作品类型 /
/// 推荐意见 with 推荐 or 不推荐 ticked and the text under it) whose header row is repeated on every page it continues on,
/// 二、推荐声明, the filler's details beside an empty 推荐单位（盖章） area, and the note. The labels are the notice's Chinese
/// whatever the reader's language. PDFsharp 6.2.4 with <see cref="Hosting.CjkFonts"/>.
/// </summary>
public static class RecommendationTablePdf
{
    /// <summary>The second line of the title, under the competition's name.</summary>
    public const string FormTitle = "参赛作品推荐表";

    /// <summary>The catalogue's header row, in order.</summary>
    public static readonly IReadOnlyList<string> Header = ["排序", "申报单位名称（全称）", "参赛作品名称", "作品类型", "推荐意见"];

    /// <summary>
    /// The PDF of <paramref name="data"/>. Throws <see cref="InvalidOperationException"/> when no CJK font is installed
    /// (<see cref="Hosting.CjkFonts.Available"/> false; the endpoints answer 503 naming fonts-wqy-zenhei).
    /// </summary>
    public static byte[] Render(RecommendationTableData data)
    {
        var pdf = new FormWriter($"{data.CompetitionName}{FormTitle}");
        pdf.Paragraph([new TextRun("附件3", Bold: true)], pdf.Heading, 20);
        pdf.Gap(6);
        pdf.Centered(data.CompetitionName, pdf.Title, 26);
        pdf.Centered(FormTitle, pdf.Title, 26);
        pdf.Gap(14);
        pdf.Paragraph([new TextRun("推荐区局/各相关产业集团公司名称（盖章）：", Bold: true), new TextRun(data.RecommenderName)], pdf.Body, 20);
        pdf.Gap(10);

        pdf.Paragraph([new TextRun("一、推荐目录", Bold: true)], pdf.Heading, 24);
        var header = new Row([.. Header.Select(h => Cell.Label(h))], 26, Bold: true);
        IReadOnlyList<Row> rows = data.Rows.Count == 0
            ? [new Row([new Cell([new TextRun("（暂无申报作品）", Hint: true)], 5, HAlign.Center)], 26)]
            :
            [
                .. data.Rows.OrderBy(r => r.Order).Select(r => new Row(
                [
                    Cell.Label(r.Order.ToString(CultureInfo.InvariantCulture)),
                    Cell.Value(r.UnitName),
                    Cell.Value(r.Title),
                    Cell.Label(ChineseNames.Of(r.Track)),
                    new Cell(
                    [
                        new OptionRun(r.Recommended == true, "推荐"), new GapRun(FormWriter.OptionGap), new OptionRun(r.Recommended == false, "不推荐"),
                        .. string.IsNullOrWhiteSpace(r.Opinion) ? (Run[])[] : [new BreakRun(), new TextRun(r.Opinion)],
                    ]),
                ], 30)),
            ];
        pdf.Table([0.45, 1.9, 1.65, 0.75, 2.05], rows, header);

        pdf.Gap(16);
        pdf.Keep(24 + pdf.Height([new GapRun(21), new TextRun(data.Declaration)], pdf.Width, pdf.Body, 20));
        pdf.Paragraph([new TextRun("二、推荐声明", Bold: true)], pdf.Heading, 24);
        pdf.Paragraph([new TextRun(data.Declaration)], pdf.Body, 20, indent: 21);

        pdf.Gap(16);
        var filled = data.FilledOn is { } day ? $"{day.Year}年{day.Month}月{day.Day}日" : "";
        (string Label, string? Value)[] filler =
        [
            ("填表人：", data.FillerName), ("部门：", data.FillerDepartment), ("职务：", data.FillerPost),
            ("电话：", data.FillerPhone), ("邮箱：", data.FillerEmail), ("填表日期：", filled),
        ];
        const double line = 22;
        pdf.Keep(filler.Length * line);
        var half = pdf.Width / 2;
        pdf.Block([.. filler.SelectMany(f => (Run[])[new TextRun(f.Label, Bold: true), new TextRun(f.Value ?? ""), new BreakRun()])],
            FormWriter.Margin, half, pdf.Body, line);
        pdf.Block([new TextRun("推荐单位（盖章）"), new BreakRun(), new BreakRun(), new TextRun("年      月      日")],
            FormWriter.Margin + half, half - 20, pdf.Body, line, HAlign.Right, top: 2 * line);
        pdf.Gap(filler.Length * line);

        if (data.Note is { Length: > 0 } note)
        {
            pdf.Gap(10);
            pdf.Paragraph([new TextRun("注：" + note)], pdf.Small, 14);
        }
        return pdf.Finish(data.Reference, data.GeneratedAt);
    }
}
