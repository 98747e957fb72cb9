namespace Judging.Tests.Registration;

using System.Text.RegularExpressions;
using Judging.App.Hosting;
using Judging.App.Registration.Forms;
using Judging.Domain.Competitions;
using UglyToad.PdfPig;

/// <summary>A fact skipped, with the reason, when no CJK TrueType font is installed (test.sh installs fonts-wqy-zenhei).</summary>
public sealed class CjkFontFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="CjkFonts.Available"/> is false.</summary>
    public CjkFontFactAttribute()
    {
        if (!CjkFonts.Available) Skip = "No CJK TrueType font installed (apt-get install fonts-wqy-zenhei); looked in " + string.Join(", ", CjkFonts.FontPaths);
    }
}

/// <summary>
/// Issue 15, "PDF": 附件2 (the declaration form) and 附件3 (the recommendation table) read back with PdfPig 0.1.16: every
/// field's value in the text, CJK included; the ticked boxes (√ just before their label); long text wrapped and whole; a
/// long catalogue over several pages with its header on each. Set REGPDF_SAMPLES to a folder to keep the PDFs.
/// </summary>
public sealed partial class FormsPdfTests
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"编号：.*?（北京时间）")]
    private static partial Regex Footer();

    /// <summary>The text without white space (a value may wrap over lines, and CJK has no spaces to keep).</summary>
    private static string Flat(string text) => Space().Replace(text, "");

    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => Flat(p.Text))];
    }

    private static void Keep(string name, byte[] pdf)
    {
        if (Environment.GetEnvironmentVariable("REGPDF_SAMPLES") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), pdf);
    }

    /// <summary>300 字 (Han and full-width punctuation, no spaces), its last characters "本末" to show nothing is cut.</summary>
    private static readonly string Synopsis300 = MakeSynopsis();

    private static string MakeSynopsis()
    {
        const string story = "二十年前，我们从一间不足五十平方米的小作坊起步，凭着对每一道工序的较真，把一颗螺丝钉做成了行业标准。"
            + "从首台国产高精度数控机床的试制，到参与制定三项国家标准，质量始终是我们最硬的底气。";
        var text = string.Concat(Enumerable.Repeat(story, 10));
        return text[..298] + "本末";
    }

    private static DeclarationFormData Declaration(Track track = Track.Speech) => new()
    {
        CompetitionName = "2025 年上海市质量品牌故事大赛",
        Reference = "SB-2025-YJ-0012",
        GeneratedAt = new DateTimeOffset(2025, 5, 20, 6, 30, 0, TimeSpan.Zero),
        Unit = new DeclarationFormUnit
        {
            Name = "上海申江精密机械制造股份有限公司",
            IsMember = true,
            Recommender = "浦东新区市场监督管理局",
            Address = "上海市浦东新区张江路1088号3号楼",
            Postcode = "201203",
            Nature = "民营",
            KeyField = "制造",
            IsSpecialised = false,
            KeyIndustry = "人工智能",
            ContactName = "王晓明",
            ContactDepartmentAndPost = "品牌管理部 副经理",
            ContactMobile = "13812345678",
            ContactEmail = "wangxm@shenjiang-pm.com.cn",
            PlannedTracks = [Track.Speech, Track.InnovationCase],
        },
        Entry = new DeclarationFormEntry
        {
            Title = "一颗螺丝钉的二十年",
            Track = track,
            Category = "上海制造",
            DurationMinutes = track == Track.InnovationCase ? null : 6,
            WordCount = track == Track.InnovationCase ? 3200 : null,
            Creator = "李卫东",
            ContactName = "赵敏",
            ContactAddress = "上海市浦东新区张江路1088号",
            ContactDepartment = "党群工作部",
            ContactPost = "宣传主管",
            ContactMobile = "13987654321",
            ContactEmail = "zhaomin@shenjiang-pm.com.cn",
            Synopsis = Synopsis300,
            Honours = ["上海品牌认证获证单位", "浦东新区区长质量奖"],
            Commitments =
            [
                "自愿参加2025年上海市质量品牌故事大赛；",
                "提交所有参赛材料均真实、合法、有效，不存在剽窃他人活动成果、侵犯他人知识产权、伪造材料等不端及失信行为；",
                "参赛申报内容不含《中华人民共和国保守国家秘密法》所规定的涉密内容，不存在任何违反《中华人民共和国保守国家秘密法》的情形。",
            ],
        },
        Notes =
        [
            "参加质量品牌故事演讲、微电影、质量品牌创新案例比赛均需在线填写此表格，若同时参加多种形式需分别填写；",
            "为单选题，请在线选择符合的内容；",
            "填写此表后，参加演讲比赛的选手请于5月31日前在线上传参赛作品提纲或word文字素材稿，经在线推荐和形式审查通过后可参加现场初赛；"
                + "参加微电影比赛请于6月20日前完成在线提交在线上传不大于1G的参赛作品视频文件；参加创新案例比赛请于6月20日前在线上传图文并茂的案例word文档；"
                + "上传的参赛作品请务必以“单位名称+参赛作品名称”命名。",
        ],
    };

    [CjkFontFact]
    public void The_declaration_form_prints_every_field_of_the_unit_and_the_entry()
    {
        var data = Declaration();
        var pdf = DeclarationFormPdf.Render(data);
        Keep("declaration-form.pdf", pdf);
        var pages = PageTexts(pdf);
        var all = string.Concat(pages);

        // Page 1 is the registration (一), page 2 the declaration (二): two pages, each with its footer "第 n 页 共 2 页".
        Assert.Equal(2, pages.Count);
        Assert.Contains("第1页共2页", pages[0]);
        Assert.Contains("第2页共2页", pages[1]);
        Assert.Contains("2025年上海市质量品牌故事大赛在线报名表暨参赛作品申报表", pages[0]);
        Assert.Contains("（一）在线报名表", pages[0]);
        Assert.Contains("（二）参赛作品申报表", pages[1]);
        // 2025-05-20 06:30 UTC is 14:30 in Beijing (UTC+8).
        Assert.Contains("生成时间：2025-05-2014:30（北京时间）", pages[0]);
        Assert.Contains("编号：SB-2025-YJ-0012", pages[1]);

        var unit = data.Unit;
        foreach (var value in new[] { unit.Name, unit.Recommender, unit.Address, unit.Postcode, unit.ContactName, unit.ContactDepartmentAndPost, unit.ContactMobile, unit.ContactEmail })
            Assert.Contains(Flat(value), pages[0]);
        var entry = data.Entry;
        foreach (var value in new[] { entry.Title, unit.Name, unit.Recommender, entry.Creator, entry.ContactName, entry.ContactAddress, entry.ContactDepartment, entry.ContactPost, entry.ContactMobile, entry.ContactEmail })
            Assert.Contains(value, pages[1]);
        Assert.Contains("作品时长6分钟", pages[1]);
        Assert.Contains("案例篇幅（质量品牌创新案例填）字", pages[1]); // a speech: no word count, the notice's hint
        foreach (var (commitment, i) in entry.Commitments.Select((c, i) => (c, i + 1)))
            Assert.Contains($"{i}、{commitment}", pages[1]);
        Assert.Contains("注：1、参加质量品牌故事演讲", all);
        Assert.Contains("2、为单选题，请在线选择符合的内容；3、填写此表后", all);
        Assert.Contains("“单位名称+参赛作品名称”命名。", all);

        // The pen's places are there, empty: the labels follow each other with nothing between.
        Assert.Contains("主创者签名：日期（年/月/日）：参赛单位承诺：", pages[1]);
        Assert.Contains("（单位盖章）日期（年/月/日）：曾获相关荣誉", pages[1]);
    }

    [CjkFontFact]
    public void The_ticked_choices_read_back_ticked_and_the_others_empty()
    {
        var pages = PageTexts(DeclarationFormPdf.Render(Declaration()));

        // Each box is drawn, and a ticked one holds √, which reads back just before its label.
        Assert.Contains("会员单位√是否推荐单位", pages[0]);                 // member: 是 ticked
        Assert.Contains("中小企业是√否", pages[0]);                         // not 专精特新: 否 ticked
        Assert.Contains("单位性质国有√民营外资合资事业单位其他________", pages[0]); // 民营; 其他 with its empty line
        Assert.Contains("√制造建设工程市场服务非营利性服务", pages[0]);
        Assert.Contains("三大先导产业：集成电路生物医药√人工智能六大重点产业", pages[0]);
        Assert.Equal(1 + 1 + 1 + 1 + 1 + 2, pages[0].Count(c => c == '√')); // 是, 否, 民营, 制造, 人工智能, two planned tracks
        Assert.Contains("√质量品牌故事演讲质量品牌故事微电影√质量品牌创新案例参加活动，暂无作品申报", pages[0]);

        Assert.Contains("参赛类型√质量品牌故事演讲质量品牌故事微电影质量品牌创新案例", pages[1]);
        Assert.Contains("作品类别上海服务√上海制造上海购物上海文化", pages[1]);
        Assert.Contains("市质协会会员单位√是否", pages[1]);
        // Honours: the named one ticked, the others not; an unnamed honour ticks 其它 and is written after it.
        Assert.Contains("√上海品牌认证获证单位上海市品牌培育示范企业历届品牌故事比赛获奖单位√其它，请填写：浦东新区区长质量奖", pages[1]);
    }

    [CjkFontFact]
    public void A_case_prints_its_word_count_and_an_other_nature_its_text()
    {
        var data = Declaration(Track.InnovationCase);
        data = data with { Unit = data.Unit with { Nature = "其他", NatureOther = "股份合作制", KeyIndustry = "其他", KeyIndustryOther = "现代农业" } };
        var pages = PageTexts(DeclarationFormPdf.Render(data));
        Assert.Contains("作品时长（演讲/微电影填）分钟案例篇幅3200字", pages[1]);
        Assert.Contains("参赛类型质量品牌故事演讲质量品牌故事微电影√质量品牌创新案例", pages[1]);
        Assert.Contains("事业单位√其他：股份合作制", pages[0]);
        Assert.Contains("未来材料√其他：现代农业", pages[0]);
        Assert.DoesNotContain("√人工智能", pages[0]);
    }

    [CjkFontFact]
    public void A_300_character_synopsis_wraps_over_lines_and_survives_whole()
    {
        Assert.Equal(300, Synopsis300.Length);
        using var document = PdfDocument.Open(DeclarationFormPdf.Render(Declaration()));
        var page = document.GetPage(2);
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var text = string.Concat(letters.Select(l => l.Value));
        var at = text.IndexOf(Synopsis300, StringComparison.Ordinal);
        Assert.True(at >= 0, "the synopsis is not whole on page 2");
        var synopsis = letters.Skip(at).Take(300).ToList();
        // The cell is 595.28 − 2 × 56 = 483.28 pt wide, 475.28 inside its padding; a 10.5 pt full-width character:
        // 45 a line (43 on the first, after a 21 pt indent). 43 + 6 × 45 = 313 ≥ 300 > 43 + 5 × 45 = 268: 7 lines.
        var lines = synopsis.GroupBy(l => Math.Round(l.StartBaseLine.Y)).ToList();
        Assert.Equal(7, lines.Count);
        Assert.All(synopsis, l => Assert.InRange(l.EndBaseLine.X, 56, 595.28 - 56));
    }

    [CjkFontFact]
    public void Text_taller_than_a_page_is_split_over_pages_and_survives_whole()
    {
        // 3,000 字 at 45 a line is 67 lines of 15 pt, about 1,000 pt: more than one page (842 − 50 − 54 = 738 pt) can hold.
        var longText = string.Concat(Enumerable.Repeat(Synopsis300, 10));
        var data = Declaration();
        var pdf = DeclarationFormPdf.Render(data with { Entry = data.Entry with { Synopsis = longText } });
        Keep("declaration-form-long.pdf", pdf);
        var pages = PageTexts(pdf);
        Assert.InRange(pages.Count, 3, 4);
        // The footer is drawn last on each page: without it, the pages' text runs on.
        var body = string.Concat(pages.Select(p => Footer().Replace(p, "")));
        Assert.Contains("参赛作品内容简介：（100-300字）" + longText + "主创者签名：", body);
        Assert.Contains("主创者签名：日期（年/月/日）：", string.Concat(pages[2..]));
    }

    [CjkFontFact]
    public void A_choice_that_is_not_the_notices_is_refused()
    {
        var data = Declaration();
        var error = Assert.Throws<ArgumentException>(() => DeclarationFormPdf.Render(data with { Unit = data.Unit with { Nature = "私营" } }));
        Assert.Contains("国有 / 民营", error.Message);
    }

    private static RecommendationTableData Recommendation(int rows) => new()
    {
        CompetitionName = "2025 年上海市质量品牌故事大赛",
        RecommenderName = "浦东新区市场监督管理局",
        // Given in reverse: the table prints them by 排序.
        Rows = [.. Enumerable.Range(1, rows).Reverse().Select(n => new RecommendationTableRow(
            n, $"上海第{n:00}号质量示范企业有限公司", $"匠心质量故事第{n:00}篇", (Track)(n % 3), n % 4 == 0 ? false : true,
            n % 4 == 0 ? "材料不完整，不予推荐" : $"作品立意鲜明，推荐参赛（{n:00}）"))],
        FillerName = "陈静",
        FillerDepartment = "质量发展处",
        FillerPost = "一级主任科员",
        FillerPhone = "021-50281234",
        FillerEmail = "chenjing@pudong.gov.cn",
        FilledOn = new DateOnly(2025, 6, 20),
        GeneratedAt = new DateTimeOffset(2025, 6, 20, 16, 5, 0, TimeSpan.Zero),
        Reference = "TJ-PD-2025",
        Note = "此表在线自动生成 PDF 版，是推荐单位的正式汇总材料，敬请打印加盖公章后，将扫描件（PDF 版）最晚于 6 月 27 日前在线提交。",
    };

    [CjkFontFact]
    public void The_recommendation_table_prints_the_recommender_the_declaration_and_the_filler()
    {
        var data = Recommendation(3);
        var pdf = RecommendationTablePdf.Render(data);
        Keep("recommendation-table.pdf", pdf);
        var page = Assert.Single(PageTexts(pdf));
        Assert.Contains("附件32025年上海市质量品牌故事大赛参赛作品推荐表", page);
        Assert.Contains("推荐区局/各相关产业集团公司名称（盖章）：浦东新区市场监督管理局", page);
        Assert.Contains("一、推荐目录排序申报单位名称（全称）参赛作品名称作品类型推荐意见", page);
        // Row 1: 1 % 3 = 1 → MicroFilm (微电影), recommended; row 3: 3 % 3 = 0 → Speech (演讲).
        Assert.Contains("1上海第01号质量示范企业有限公司匠心质量故事第01篇微电影√推荐不推荐作品立意鲜明，推荐参赛（01）", page);
        Assert.Contains("3上海第03号质量示范企业有限公司匠心质量故事第03篇演讲√推荐不推荐", page);
        Assert.Contains("二、推荐声明" + RecommendationTableData.NoticeDeclaration, page);
        Assert.Contains("填表人：陈静部门：质量发展处职务：一级主任科员电话：021-50281234邮箱：chenjing@pudong.gov.cn填表日期：2025年6月20日", page);
        Assert.Contains("推荐单位（盖章）年月日", page);
        Assert.Contains("注：此表在线自动生成PDF版", page);
        // 2025-06-20 16:05 UTC is 2025-06-21 00:05 in Beijing.
        Assert.Contains("编号：TJ-PD-2025第1页共1页生成时间：2025-06-2100:05（北京时间）", page);
    }

    [CjkFontFact]
    public void A_40_row_catalogue_spans_pages_with_the_header_on_each_and_every_row_in_order()
    {
        var pdf = RecommendationTablePdf.Render(Recommendation(40));
        Keep("recommendation-table-40.pdf", pdf);
        var pages = PageTexts(pdf);
        // A row is at least 30 pt; a page holds 842 − 50 − 60 = 732 pt: 40 rows (1,200 pt and more) need three pages or more.
        Assert.InRange(pages.Count, 3, 6);
        const string header = "排序申报单位名称（全称）参赛作品名称作品类型推荐意见";
        var rowPages = pages.Where(p => p.Contains("匠心质量故事第", StringComparison.Ordinal)).ToList();
        Assert.True(rowPages.Count >= 3, $"rows on {rowPages.Count} pages");
        Assert.All(rowPages, p => Assert.StartsWith(header, p[p.IndexOf(header, StringComparison.Ordinal)..]));
        Assert.All(rowPages, p => Assert.True(p.IndexOf(header, StringComparison.Ordinal) < p.IndexOf("匠心质量故事第", StringComparison.Ordinal)));

        var all = string.Concat(pages);
        var last = -1;
        for (var n = 1; n <= 40; n++)
        {
            var at = all.IndexOf($"{n}上海第{n:00}号质量示范企业有限公司匠心质量故事第{n:00}篇", StringComparison.Ordinal);
            Assert.True(at > last, $"row {n} missing or out of order");
            last = at;
            // Every fourth row is not recommended: 不推荐 ticked.
            Assert.Contains(n % 4 == 0 ? $"第{n:00}篇{ChineseNames.Of((Track)(n % 3))}推荐√不推荐材料不完整" : $"第{n:00}篇{ChineseNames.Of((Track)(n % 3))}√推荐不推荐", all);
        }
        // A number wraps whole: "（01）" does not fit after "作品立意鲜明，推荐参赛" in the opinion column and moves down
        // together, its opening bracket with it (one baseline for the four characters).
        using (var document = PdfDocument.Open(pdf))
        {
            var letters = document.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            var at = string.Concat(letters.Select(l => l.Value)).IndexOf("推荐参赛（01）", StringComparison.Ordinal);
            Assert.True(at >= 0);
            Assert.Single(letters.Skip(at + 4).Take(4).Select(l => Math.Round(l.StartBaseLine.Y)).Distinct());
            Assert.NotEqual(Math.Round(letters[at + 3].StartBaseLine.Y), Math.Round(letters[at + 4].StartBaseLine.Y));
        }

        // 40 rows, 10 of them (4, 8, …, 40) not recommended: one √ a row.
        Assert.Equal(40, all.Count(c => c == '√'));
        Assert.Contains("二、推荐声明", pages[^1]);
    }

    [CjkFontFact]
    public void An_empty_catalogue_says_so_and_blank_filler_fields_stay_blank()
    {
        var data = Recommendation(0) with { FillerName = null, FilledOn = null, Note = null };
        var page = Assert.Single(PageTexts(RecommendationTablePdf.Render(data)));
        Assert.Contains("推荐意见（暂无申报作品）二、推荐声明", page);
        Assert.Contains("填表人：部门：质量发展处", page);
        Assert.Contains("填表日期：推荐单位（盖章）", page);
        Assert.DoesNotContain("注：", page);
    }
}
