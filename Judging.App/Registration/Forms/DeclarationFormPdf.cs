namespace Judging.App.Registration.Forms;

using System.Globalization;
using Judging.Domain.Competitions;

/// <summary>
/// 附件2 as a PDF (issue 15, "Materials" and "PDF"; seed 000, 附件2 (一) and (二)): A4 portrait, page 1 the title and the unit's
/// 在线报名表, page 2 on the entry's 参赛作品申报表 with the empty 主创者签名 / 日期 and 单位盖章 areas; bordered label/value
/// cells as the notice lays them out, tick boxes ticked with √, long text wrapped per character and continued on further
/// pages when needed. The labels are the notice's Chinese whatever the reader's language: this is the official form the unit
/// stamps. PDFsharp 6.2.4 with <see cref="Hosting.CjkFonts"/>.
/// </summary>
public static class DeclarationFormPdf
{
    /// <summary>The second line of the title, under the competition's name.</summary>
    public const string FormTitle = "在线报名表暨参赛作品申报表";

    private static readonly double[] Columns = [1.1, 1.9, 1.1, 1.9];

    /// <summary>
    /// The PDF of <paramref name="data"/>. Throws <see cref="InvalidOperationException"/> when no CJK font is installed
    /// (<see cref="Hosting.CjkFonts.Available"/> false; the endpoints answer 503 naming fonts-wqy-zenhei) and
    /// <see cref="ArgumentException"/> when a choice is not one of <see cref="FormChoices"/>' words.
    /// </summary>
    public static byte[] Render(DeclarationFormData data)
    {
        var unit = data.Unit;
        var entry = data.Entry;
        var nature = FormChoices.Checked(unit.Nature, FormChoices.Natures, nameof(unit.Nature));
        var keyField = FormChoices.Checked(unit.KeyField, FormChoices.KeyFields, nameof(unit.KeyField));
        var industry = FormChoices.Checked(unit.KeyIndustry, FormChoices.KeyIndustries, nameof(unit.KeyIndustry));
        var category = FormChoices.Checked(entry.Category, FormChoices.Categories, nameof(entry.Category));

        var pdf = new FormWriter($"{data.CompetitionName}{FormTitle}");
        pdf.Paragraph([new TextRun("附件2", Bold: true)], pdf.Heading, 20);
        pdf.Gap(6);
        pdf.Centered(data.CompetitionName, pdf.Title, 26);
        pdf.Centered(FormTitle, pdf.Title, 26);
        pdf.Gap(10);

        pdf.Paragraph([new TextRun("（一）在线报名表", Bold: true)], pdf.Heading, 24);
        pdf.Table(Columns,
        [
            Pair("单位名称（全称）", unit.Name),
            new Row([Cell.Label("会员单位"), Runs(YesNo(unit.IsMember)), Cell.Label("推荐单位"), Cell.Value(unit.Recommender)], 24),
            new Row([Cell.Label("单位地址"), Cell.Value(unit.Address), Cell.Label("邮编"), Cell.Value(unit.Postcode)], 24),
            new Row([Cell.Label("单位性质"), Runs(Options(FormChoices.Natures, nature, unit.NatureOther), 3)], 24),
            new Row([Cell.Label("重点领域\n（单选，必选）"), Runs(Options(FormChoices.KeyFields, keyField, null)),
                Cell.Label("是否“专精特新”\n中小企业"), Runs(YesNo(unit.IsSpecialised))], 34),
            new Row([Cell.Label("重点产业\n（单选，必选）"), Runs(Industries(industry, unit.KeyIndustryOther), 3)]),
            new Row([Cell.Label("联系人姓名"), Cell.Value(unit.ContactName), Cell.Label("部门及职务"), Cell.Value(unit.ContactDepartmentAndPost)], 24),
            new Row([Cell.Label("联系手机"), Cell.Value(unit.ContactMobile), Cell.Label("邮箱地址"), Cell.Value(unit.ContactEmail)], 24),
            new Row([Cell.Label("拟申报作品\n（可多选，必选）"), Runs(
            [
                .. FormChoices.Tracks.SelectMany(t => Option(unit.PlannedTracks.Contains(t), FormChoices.FormName(t))),
                new OptionRun(unit.ActivityOnly, "参加活动，暂无作品申报"),
            ], 3)], 34),
        ]);

        pdf.NewPage();
        pdf.Paragraph([new TextRun("（二）参赛作品申报表", Bold: true)], pdf.Heading, 24);
        pdf.Table(Columns,
        [
            Pair("参赛作品名称", entry.Title),
            new Row([Cell.Label("参赛单位名称"), Cell.Value(unit.Name), Cell.Label("市质协会\n会员单位"), Runs(YesNo(unit.IsMember))], 30),
            Pair("推荐单位", unit.Recommender),
            new Row([Cell.Label("参赛类型"), Runs([.. FormChoices.Tracks.SelectMany(t => Option(entry.Track == t, FormChoices.FormName(t)))], 3)], 24),
            new Row([Cell.Label("作品类别"), Runs(Options(FormChoices.Categories, category, null), 3)], 24),
            new Row([Cell.Label("作品时长"), Runs(Measure(entry.DurationMinutes?.ToString("0.##", CultureInfo.InvariantCulture), "（演讲/微电影填）", "分钟")),
                Cell.Label("案例篇幅"), Runs(Measure(entry.WordCount?.ToString(CultureInfo.InvariantCulture), "（质量品牌创新案例填）", "字"))], 24),
            new Row([Cell.Label("主创者姓名"), Runs(entry.Creator.Length > 0 ? [new TextRun(entry.Creator)] : [new TextRun("（团队参赛填团队名称）", Hint: true)], 3)], 24),
            new Row([Cell.Label("联系人姓名"), Cell.Value(entry.ContactName), Cell.Label("联系地址"), Cell.Value(entry.ContactAddress)], 24),
            new Row([Cell.Label("联系部门"), Cell.Value(entry.ContactDepartment), Cell.Label("职务"), Cell.Value(entry.ContactPost)], 24),
            new Row([Cell.Label("联系手机"), Cell.Value(entry.ContactMobile), Cell.Label("电子邮箱"), Cell.Value(entry.ContactEmail)], 24),
            new Row([new Cell([new TextRun("参赛作品内容简介：", Bold: true), new TextRun("（100-300字）", Hint: true), new BreakRun(),
                new GapRun(21), new TextRun(entry.Synopsis)], 4, VAlign: VAlign.Top)], 120),
            new Row([new Cell([new TextRun("主创者签名：")], 2, VAlign: VAlign.Top), new Cell([new TextRun("日期（年/月/日）：")], 2, VAlign: VAlign.Top)], 36),
            new Row([new Cell(
            [
                new TextRun("参赛单位承诺：", Bold: true),
                .. entry.Commitments.SelectMany((c, i) => (Run[])[new BreakRun(), new TextRun($"{i + 1}、{c}")]),
                new BreakRun(), new BreakRun(), new BreakRun(),
                new GapRun(170), new TextRun("（单位盖章）"), new GapRun(40), new TextRun("日期（年/月/日）："),
            ], 4, VAlign: VAlign.Top)]),
            new Row([Cell.Label("曾获相关荣誉"), Runs(Honours(entry.Honours), 3)], 34),
        ]);

        if (data.Notes.Count > 0)
        {
            pdf.Gap(4);
            string Numbered(int i) => data.Notes.Count > 1 ? $"{i + 1}、{data.Notes[i]}" : data.Notes[i];
            pdf.Paragraph([new TextRun("注：" + Numbered(0))], pdf.Small, 13.5);
            for (var i = 1; i < data.Notes.Count; i++) pdf.Paragraph([new TextRun(Numbered(i))], pdf.Small, 13.5, indent: 18);
        }
        return pdf.Finish(data.Reference, data.GeneratedAt);
    }

    private static Row Pair(string label, string value) => new([Cell.Label(label), Cell.Value(value, 3)], 24);

    private static Cell Runs(IReadOnlyList<Run> runs, int span = 1) => new(runs, span);

    private static IEnumerable<Run> Option(bool ticked, string label) => [new OptionRun(ticked, label), new GapRun(FormWriter.OptionGap)];

    private static Run[] YesNo(bool value) => [new OptionRun(value, "是"), new GapRun(FormWriter.OptionGap * 2), new OptionRun(!value, "否")];

    /// <summary>The choices with the chosen one ticked; 其他 with its text, or a line to write on.</summary>
    private static List<Run> Options(IReadOnlyList<string> choices, string? chosen, string? other) =>
        [.. choices.SelectMany(c => Option(c == chosen, c == FormChoices.Other ? OtherLabel(c, c == chosen, other) : c))];

    private static string OtherLabel(string word, bool chosen, string? text) =>
        chosen && !string.IsNullOrWhiteSpace(text) ? $"{word}：{text}" : word + "________";

    /// <summary>重点产业: one line per group of the notice ("三大先导产业：□集成电路 …"), then 其他.</summary>
    private static List<Run> Industries(string? chosen, string? other)
    {
        var runs = new List<Run>();
        foreach (var (group, items) in FormChoices.KeyIndustryGroups)
        {
            runs.Add(new TextRun(group + "：", Bold: true));
            runs.AddRange(items.SelectMany(i => Option(i == chosen, i)));
            runs.Add(new BreakRun());
        }
        runs.Add(new OptionRun(chosen == FormChoices.Other, OtherLabel(FormChoices.Other, chosen == FormChoices.Other, other)));
        return runs;
    }

    /// <summary>"6 分钟", or the notice's hint and the unit when not given.</summary>
    private static Run[] Measure(string? value, string hint, string unit) =>
        value is null ? [new TextRun(hint, Hint: true), new TextRun(" " + unit)] : [new TextRun($"{value} {unit}")];

    /// <summary>The named honours ticked when listed, then 其它 with the other texts after "其它，请填写：".</summary>
    private static List<Run> Honours(IReadOnlyList<string> honours)
    {
        var others = honours.Where(h => !FormChoices.Honours.Contains(h) && h != FormChoices.OtherHonour && !string.IsNullOrWhiteSpace(h)).ToList();
        var otherTicked = others.Count > 0 || honours.Contains(FormChoices.OtherHonour);
        return
        [
            .. FormChoices.Honours.SelectMany(h => Option(honours.Contains(h), h)),
            new OptionRun(otherTicked, FormChoices.OtherHonour + "，请填写："),
            new TextRun(others.Count > 0 ? string.Join("、", others) : "____________"),
        ];
    }
}
