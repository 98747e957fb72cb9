namespace Judging.App.Programmes.Forms;

using Judging.App.Registration.Forms;
using Judging.Domain.Cases;
using Judging.Domain.Programmes;

/// <summary>
/// The forms a programme's checklist has the app generate (issue 13, "Materials"; materials.csv 来源 生成盖章 / 固定文本), as one
/// A4 PDF each with the CJK font embedded, laid out by the unit declaration form's writer (PDFsharp 6.2.4 with
/// <see cref="Hosting.CjkFonts"/>):
/// <list type="bullet">
/// <item>a <see cref="MaterialSource.GeneratedStamped"/> item (申报书, 提名书, 申报信息表): the programme's name, the item's name
/// as title, the reference and category, a bordered table of the form's fields (label, value; long texts wrapped, and those over
/// <see cref="SummaryOver"/> 字 summarised as "共 n 字" with their first <see cref="SummaryChars"/> characters, the full text being
/// in the system), then one stamp box per stamping party of the item (materials.csv 盖章单位: "申报单位（盖章）" with a date line);</item>
/// <item>a <see cref="MaterialSource.GeneratedFixed"/> item (seed 004 第一完成人承诺书): the fixed commitment text
/// (<see cref="CommitmentClauses"/>) with only the project's and the nominated organisation's names filled in, and the
/// signature and date lines.</item>
/// </list>
/// The labels are Chinese whatever the reader's language: this is the paper that is stamped.
/// </summary>
public static class ProgrammeFormPdf
{
    /// <summary>A long text of more than this many 字 (<see cref="WordCount"/>) is summarised on the form (001's sections run to 8,000 字).</summary>
    public const int SummaryOver = 600;

    /// <summary>The characters of a summarised long text shown on the form.</summary>
    public const int SummaryChars = 240;

    /// <summary>The commitment's clauses (第一完成人承诺书; written in the notices' style: 真实性, 无知识产权争议, 同意公示).</summary>
    public static readonly IReadOnlyList<string> CommitmentClauses =
    [
        "本人作为该项目的第一完成人，已认真阅读并理解本年度上海市质量协会质量技术奖的提名通知及评审办法，自愿接受提名。",
        "本人保证所提交的提名书及全部证实性材料真实、准确、完整，不存在弄虚作假、抄袭剽窃等行为，如有不实，本人愿意承担由此产生的一切责任。",
        "本人承诺该项目的知识产权归属清晰，不存在知识产权争议，未侵犯他人的知识产权和商业秘密；项目完成单位及完成人的排序已征得各方同意。",
        "本人同意将项目名称、完成单位、完成人及主要内容在评审过程中和评审结果公布时予以公示，并接受社会监督。",
        "在评审期间，本人不以任何方式向评审专家及工作人员进行游说或施加影响。",
    ];

    private static readonly double[] Columns = [1.3, 3.7];

    /// <summary>
    /// The PDF of <paramref name="item"/> for application <paramref name="form"/>, generated at <paramref name="now"/> (UTC; the
    /// footer shows Beijing time). Throws <see cref="ArgumentException"/> when the item is not generated and
    /// <see cref="InvalidOperationException"/> when no CJK font is installed (<see cref="Hosting.CjkFonts.Available"/>).
    /// </summary>
    public static byte[] Render(ApplicationForm form, MaterialItem item, DateTimeOffset now) => item.Source switch
    {
        MaterialSource.GeneratedStamped => Stamped(form, item, now),
        MaterialSource.GeneratedFixed => Commitment(form, item, now),
        _ => throw new ArgumentException($"“{item.Name}”不是生成的表格", nameof(item)),
    };

    /// <summary>The download name: "编号 材料名称.pdf".</summary>
    public static string FileName(ApplicationForm form, MaterialItem item) => ProgrammeMaterials.DownloadName(form.Row.Reference, item.Name, ".pdf");

    /// <summary>The stamp captions of <paramref name="item"/>: "申报单位（盖章）" per party of materials.csv 盖章单位.</summary>
    public static IReadOnlyList<string> StampCaptions(MaterialItem item) =>
        item.StampedBy.SelectMany(s => s.Split(['、', '，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => $"{s}（盖章）").ToList();

    private static byte[] Stamped(ApplicationForm form, MaterialItem item, DateTimeOffset now)
    {
        var pdf = Header(form, item);
        var rows = new List<Row> { new([Cell.Label("类别"), Cell.Value(form.Row.Category.Name)], 24) };
        foreach (var f in form.Fields)
        {
            var value = form.Values.GetValueOrDefault(f.Name, "");
            if (f.Kind == ProgrammeFieldKind.LongText)
                rows.Add(new Row([Cell.Label(f.Name), new Cell(LongText(value), VAlign: VAlign.Top)], 40));
            else
                rows.Add(new Row([Cell.Label(f.Name), Cell.Value(value)], 24));
        }
        pdf.Table(Columns, rows);

        var captions = StampCaptions(item);
        if (captions.Count > 0)
        {
            pdf.Gap(14);
            pdf.Keep(130);
            var weights = captions.Select(_ => 1.0).ToArray();
            pdf.Table(weights, [new Row(captions.Select(c => new Cell(
            [
                new TextRun(c, Bold: true), new BreakRun(), new BreakRun(), new BreakRun(), new BreakRun(), new BreakRun(),
                new TextRun("日期：        年    月    日"),
            ], 1, HAlign.Center, VAlign.Top)).ToList(), 120)]);
        }
        return pdf.Finish(form.Row.Reference, now);
    }

    private static byte[] Commitment(ApplicationForm form, MaterialItem item, DateTimeOffset now)
    {
        var pdf = Header(form, item);
        var project = form.Values.GetValueOrDefault("项目名称", "") is { Length: > 0 } p ? p : form.Row.Title;
        var nominee = form.Values.GetValueOrDefault("被提名单位", "") is { Length: > 0 } n ? n : form.Row.Applicant;
        pdf.Table(Columns,
        [
            new Row([Cell.Label("项目名称"), Cell.Value(project)], 26),
            new Row([Cell.Label("被提名单位\n（第一完成单位）"), Cell.Value(nominee)], 34),
        ]);
        pdf.Gap(12);
        pdf.Paragraph([new TextRun("本人郑重承诺：", Bold: true)], pdf.Body, 22);
        for (var i = 0; i < CommitmentClauses.Count; i++)
            pdf.Paragraph([new TextRun($"{i + 1}. {CommitmentClauses[i]}")], pdf.Body, 20, indent: 21);
        pdf.Gap(36);
        pdf.Keep(60);
        pdf.Paragraph([new GapRun(pdf.Width * 0.5), new TextRun("第一完成人（签名）：")], pdf.Body, 26);
        pdf.Gap(8);
        pdf.Paragraph([new GapRun(pdf.Width * 0.5), new TextRun("日期：        年    月    日")], pdf.Body, 26);
        return pdf.Finish(form.Row.Reference, now);
    }

    private static FormWriter Header(ApplicationForm form, MaterialItem item)
    {
        var name = form.Programme.Definition.Name;
        var pdf = new FormWriter($"{name} {item.Name}");
        pdf.Centered(name, pdf.Title, 26);
        pdf.Centered(TitleOf(item), pdf.Title, 26);
        pdf.Gap(6);
        pdf.Paragraph([new TextRun("编号：", Bold: true), new TextRun(form.Row.Reference), new GapRun(24), new TextRun("类别：", Bold: true),
            new TextRun(form.Row.Category.Name)], pdf.Body, 20);
        pdf.Gap(4);
        return pdf;
    }

    /// <summary>The form's title: the item's name with its parenthesised note dropped.</summary>
    private static string TitleOf(MaterialItem item)
    {
        var cut = item.Name.IndexOf('（', StringComparison.Ordinal);
        return cut > 0 ? item.Name[..cut] : item.Name;
    }

    private static List<Run> LongText(string value)
    {
        var words = WordCount.Count(value);
        if (words <= SummaryOver) return [new TextRun(value)];
        var head = value[..Math.Min(SummaryChars, value.Length)];
        return [new TextRun($"（共 {words} 字，以下为开头部分，全文见申报系统）", Hint: true), new BreakRun(), new TextRun(head + "……")];
    }
}
