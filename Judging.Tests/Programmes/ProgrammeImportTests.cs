namespace Judging.Tests.Programmes;

using System.Text;
using Judging.Domain.Competitions;
using Judging.App.Programmes.Import;
using Judging.Domain.Programmes;
using Judging.Tests.Domain.Programmes;
using Judging.Tests.Support;

/// <summary>
/// Reading a programme folder (issue 13, "Programmes as data"; docs/programmes.md): the four seeded folders of
/// seeds/programmes/ (notices 001–004) import whole with the notices' values, and every kind of wrong row is reported as
/// "文件 第N行：原因" with nothing imported.
/// </summary>
public sealed class ProgrammeImportTests
{
    private static string Folder(string code) => Path.Combine(Paths.Seeds, "programmes", code);

    /// <summary>The files of a seeded folder as text, each optionally edited (name, text → text; null drops the file).</summary>
    private static Dictionary<string, string> Files(string code, Func<string, string, string?>? edit = null)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ProgrammeImport.Files)
        {
            var path = Path.Combine(Folder(code), name);
            if (!File.Exists(path)) continue;
            var text = File.ReadAllText(path, Encoding.UTF8);
            var edited = edit is null ? text : edit(name, text);
            if (edited is not null) files[name] = edited;
        }
        return files;
    }

    private static ProgrammeDefinition Imported(string code)
    {
        var result = ProgrammeImport.ReadFolder(Folder(code));
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        return result.Definition!;
    }

    /// <summary>The problems of a folder that must not import, as zh-CN texts.</summary>
    private static List<string> ProblemsOf(Dictionary<string, string> files)
    {
        var result = ProgrammeImport.Read(files);
        Assert.False(result.Ok);
        Assert.Null(result.Definition);
        return result.Problems.Select(p => p.ToString()).ToList();
    }

    private static DateTimeOffset Beijing(int y, int mo, int d, int h, int mi, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.FromHours(8));

    [Fact]
    public void Quality_benchmark_2021_imports_with_the_notices_values()
    {
        var p = Imported("quality-benchmark-2021");
        Assert.Equal("quality-benchmark-2021", p.Code);
        Assert.Equal("沪经信技〔2021〕1178号", p.Notice);
        Assert.Equal([EntryRoute.Application, EntryRoute.Recommendation], p.Routes);
        var c = Assert.Single(p.Categories);
        Assert.Equal(ApplicantKind.Organisation, c.Applicant);
        Assert.Equal(["质量标杆"], c.Levels);
        Assert.Empty(c.Groups);
        // 附件 2 and 三 2: 申报信息表 (stamped by the unit and the recommender), 营业执照, 总结材料, 证实性材料 (optional).
        Assert.Equal(["info-form", "business-licence", "summary", "evidence"], c.Materials.Select(m => m.Code));
        Assert.Equal(["申报单位", "推荐单位"], c.Materials[0].StampedBy);
        Assert.Equal(MaterialSource.GeneratedStamped, c.Materials[0].Source);
        Assert.Equal(MaterialSource.Form, c.Materials[2].Source);
        Assert.Equal([true, true, true, false], c.Materials.Select(m => m.Required));
        Assert.Equal(10, p.RuleCodes.Count); // legal-person … results-length: the ten QualityBenchmarkRules codes
        Assert.Equal(QualityBenchmarkRules.LegalPerson, p.RuleCodes[0]);
        Assert.Equal(QualityBenchmarkRules.ResultsLength, p.RuleCodes[^1]);
        Assert.Empty(p.Caps);
        var w = Assert.Single(p.Windows).Window;
        // "2021 年 12 月 27 日 9：00-2022 年 2 月 13 日 24:00": 24:00 is the end of 2/13, i.e. 2/14 00:00 Beijing.
        Assert.Equal(Beijing(2021, 12, 27, 9, 0), w.Opens);
        Assert.Equal(Beijing(2022, 2, 14, 0, 0), w.Closes);
        Assert.True(w.Contains(Beijing(2022, 2, 13, 23, 59, 59)));
        Assert.False(w.Contains(Beijing(2022, 2, 14, 0, 0)));
        Assert.Equal("2021-12-27 09:00 至 2022-02-13 24:00（北京时间）", w.Text.ToString());
        Assert.Equal(["形式审查", "信用查询（必要时）", "现场考察（必要时）", "遴选"], p.Stages);
    }

    [Fact]
    public void Government_quality_award_2025_imports_with_the_notices_values()
    {
        var p = Imported("government-quality-award-2025");
        Assert.Equal("上海市人民政府办公厅", p.Organiser);
        Assert.Equal([EntryRoute.Application, EntryRoute.Recommendation], p.Routes);
        // 一: two awards × (模式 for organisations, 成果 for individuals) = 4 categories.
        Assert.Equal(["mayor-model", "mayor-achievement", "gold-model", "gold-achievement"], p.Categories.Select(c => c.Code));
        Assert.Equal([ApplicantKind.Organisation, ApplicantKind.Individual, ApplicantKind.Organisation, ApplicantKind.Individual],
            p.Categories.Select(c => c.Applicant));
        Assert.Equal(["上海市市长质量奖", "上海市市长质量奖", "上海市质量金奖", "上海市质量金奖"], p.Categories.Select(c => Assert.Single(c.Levels)));
        Assert.All(p.Categories, c => Assert.Equal(3, c.Materials.Count)); // 申报表, 内部公示材料, 推荐意见 (optional)
        Assert.All(p.Categories, c => Assert.Equal("internal-notice", c.Materials[1].Code));
        Assert.Equal(13, p.RuleCodes.Count); // every GovernmentQualityAwardRules code, mayor-gold-3y … no-repeat-5y
        Assert.Equal(GovernmentQualityAwardRules.MayorGold3Years, p.RuleCodes[0]);
        Assert.Contains(GovernmentQualityAwardRules.InternalNotice5WorkingDays, p.RuleCodes);
        Assert.Empty(p.Caps);
        // 五: "申报截止日期为2025年7月31日" — to the end of that day, from the notice's date 2025-05-13.
        var w = Assert.Single(p.Windows).Window;
        Assert.Equal(TimeWindow.Days(new DateOnly(2025, 5, 13), new DateOnly(2025, 7, 31)), w);
        Assert.Equal(Beijing(2025, 8, 1, 0, 0), w.Closes);
        Assert.Equal(5, p.Stages.Count);
    }

    [Fact]
    public void Technology_award_2022_imports_with_the_notices_values()
    {
        var p = Imported("technology-award-2022");
        Assert.Equal("沪质协〔2022〕14号", p.Notice);
        Assert.Equal(2, p.Categories.Count);
        var comprehensive = p.Categories[0];
        Assert.Equal("综合类质量创新成果", comprehensive.Name);
        Assert.Equal(["一等奖", "二等奖", "优秀奖"], comprehensive.Levels);
        Assert.Equal(9, comprehensive.Groups.Count);
        Assert.Equal(TechnologyAwardRules2022.Directions, comprehensive.Groups);
        Assert.Equal(["application-form", "evaluation-proof", "novelty"], comprehensive.Materials.Select(m => m.Code));
        var improvement = p.Categories[1];
        Assert.Equal(["优秀奖"], improvement.Levels);
        Assert.Equal(4, improvement.Groups.Count);
        Assert.Equal(TechnologyAwardRules2022.Scopes, improvement.Groups);
        Assert.Equal("优秀项目申报书", Assert.Single(improvement.Materials).Name); // 3(二): "只需提交优秀项目申报书"
        // 附件 5 2): ≤ 2 per 申报方向, ≤ 3 per 申报范围; partners' recommendations uncapped.
        Assert.Equal([new ProgrammeCap("comprehensive", true, 2, true), new ProgrammeCap("improvement", true, 3, true)], p.Caps);
        Assert.Equal([TechnologyAwardRules2022.DirectionListed, TechnologyAwardRules2022.EvaluationEvidenceRule, TechnologyAwardRules2022.InWindow, TechnologyAwardRules2022.Cap], p.RuleCodes);
        Assert.Equal(TechnologyAwardRules2022.Window, Assert.Single(p.Windows).Window);
        Assert.Equal(["形式审查", "书面评价", "会审答辩", "现场验证（必要时）"], p.Stages);
    }

    [Fact]
    public void Technology_award_2024_imports_with_the_notices_values()
    {
        var p = Imported("technology-award-2024");
        Assert.Equal([EntryRoute.Nomination], p.Routes);
        Assert.Equal(["质量技术发明奖", "质量技术进步奖"], p.Categories.Select(c => c.Name));
        Assert.All(p.Categories, c => Assert.Equal(ApplicantKind.Project, c.Applicant));
        Assert.All(p.Categories, c => Assert.Equal([MaterialSource.GeneratedStamped, MaterialSource.GeneratedFixed, MaterialSource.Upload], c.Materials.Select(m => m.Source)));
        Assert.Equal(["提名单位"], p.Categories[0].Materials[0].StampedBy);
        Assert.Equal(4, p.RuleCodes.Count);
        Assert.Equal(2, p.Windows.Count);
        Assert.Equal(["activity-registration", "nomination"], p.Windows.Select(w => w.Code));
        Assert.Equal(TechnologyAwardRules2024.ActivityRegistrationWindow, p.Windows[0].Window);
        var nomination = p.Windows[1].Window;
        Assert.Equal(TechnologyAwardRules2024.NominationsWindow, nomination);
        // "4月22日9时至5月31日16时": the minute 16:00 is inside, 16:01 is not.
        Assert.Equal(Beijing(2024, 4, 22, 9, 0), nomination.Opens);
        Assert.True(nomination.Contains(Beijing(2024, 5, 31, 16, 0, 59)));
        Assert.False(nomination.Contains(Beijing(2024, 5, 31, 16, 1)));
        Assert.Equal("2024-04-22 09:00 至 2024-05-31 16:00（北京时间）", nomination.Text.ToString());
        Assert.Equal(["形式审查", "初评", "复评", "公示", "审定"], p.Stages);
    }

    [Fact]
    public void The_imported_technology_awards_match_the_definitions_written_as_code()
    {
        var imported = Imported("technology-award-2024");
        var written = ProgrammeDefinitionTests.Technology2024();
        Assert.Equal(written.Name, imported.Name);
        Assert.Equal(written.Categories.SelectMany(c => c.Materials).Select(m => (m.Code, m.Name, m.Required, m.Source)),
            imported.Categories.SelectMany(c => c.Materials).Select(m => (m.Code, m.Name, m.Required, m.Source)));
        Assert.Equal(written.RuleCodes, imported.RuleCodes);
        Assert.Equal(written.Windows, imported.Windows);
        Assert.Equal(written.Stages, imported.Stages);
    }

    [Fact]
    public void A_bom_crlf_reordered_columns_and_quoted_fields_are_read()
    {
        var files = Files("technology-award-2024", (name, text) => name switch
        {
            "stages.csv" => "\uFEFF阶段,备注,序号\r\n形式审查,,1\r\n\"初评\",\"含\"\"评分\"\"\",2\r\n\r\n复评,,3\r\n公示,,4\r\n审定,,5\r\n",
            _ => text,
        });
        var result = ProgrammeImport.Read(files);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(["形式审查", "初评", "复评", "公示", "审定"], result.Definition!.Stages);

        var bytes = files.ToDictionary(f => f.Key, f => (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(f.Value)]);
        Assert.True(ProgrammeImport.Read(bytes).Ok);
    }

    [Fact]
    public void A_quote_that_never_closes_is_named_at_the_line_it_opens()
    {
        // stages.csv line 3 opens a quote that runs to the end of the file: the file is refused (CsvHelper would read the rest
        // as one field), and the other files are still checked.
        var files = Files("technology-award-2024", (name, text) => name == "stages.csv" ? "序号,阶段\n1,形式审查\n2,\"初评\n3,复评\n" : text);
        Assert.Equal(["stages.csv 第3行：引号未闭合"], ProblemsOf(files));
    }

    [Fact]
    public void Rows_are_taken_in_their_order_column_not_file_order()
    {
        var files = Files("technology-award-2024", (name, text) => name == "rules.csv"
            ? "序号,条件代码\n4,nomination-window\n1,nominator-kind\n3,activity-registered\n2,department-nominee\n" : text);
        Assert.Equal(["nominator-kind", "department-nominee", "activity-registered", "nomination-window"], ProgrammeImport.Read(files).Definition!.RuleCodes);
    }

    [Fact]
    public void A_missing_file_or_column_is_named()
    {
        var files = Files("technology-award-2024", (name, text) => name switch
        {
            "stages.csv" => null,
            "rules.csv" => text.Replace("条件代码", "条件"),
            "materials.csv" => "",
            _ => text,
        });
        Assert.Equal(
        [
            "materials.csv：文件为空，缺少表头",
            "rules.csv 第1行：缺少列：条件代码",
            "stages.csv：缺少文件",
        ], ProblemsOf(files));
    }

    [Fact]
    public void The_optional_files_may_be_absent()
    {
        var files = Files("technology-award-2022", (name, text) => name is "caps.csv" or "windows.csv" ? null : text);
        var p = ProgrammeImport.Read(files).Definition!;
        Assert.Empty(p.Caps);
        Assert.Empty(p.Windows);
    }

    [Fact]
    public void Every_wrong_row_of_every_file_is_reported_and_nothing_is_imported()
    {
        var files = Files("technology-award-2022", (name, text) => name switch
        {
            "programme.csv" => text.Replace("申报、推荐", "申报、提名、自荐"),
            "categories.csv" => text + "comprehensive,重复类别,单位,优秀奖,\n",
            "materials.csv" => text
                .Replace("comprehensive,2,evaluation-proof,技术评价证明（鉴定结论、验收意见、检测报告等）,是,上传",
                         "comprehensive,2,application-form,技术评价证明（鉴定结论、验收意见、检测报告等）,Y,邮寄")
                .Replace("improvement,1,", "nobody,1,"),
            "rules.csv" => text.Replace("4,cap", "4,no-such-rule").Replace("2,evaluation-evidence", "x,evaluation-evidence"),
            "stages.csv" => text.Replace("3,会审答辩", "2,会审答辩"),
            "caps.csv" => text.Replace("improvement,是,3,是", "improvement,也许,0,是"),
            "windows.csv" => "窗口代码,名称,开始,截止,精度\n"
                + "application,线上申报,2022-05-01,2022-04-30,日\n"
                + "application,补报,2022-07-01 9:00,2022-07-31 24:00,分钟\n"
                + "late,逾期,2022-07-01 09:00,2022-06-30 09:00,分钟\n"
                + "bad,日期错,2022-02-30,2022-03-01,周\n",
            _ => text,
        });
        Assert.Equal(
        [
            "programme.csv 第2行：申报途径“自荐”应为以下之一：申报、推荐、提名",
            "programme.csv 第2行：申报途径“提名”只能单独使用，不能与申报或推荐并列",
            "categories.csv 第4行：类别代码“comprehensive”与第2行重复",
            "categories.csv 第4行：申报主体“单位”应为以下之一：组织、个人、项目",
            "materials.csv 第3行：必需“Y”应为以下之一：是、否",
            "materials.csv 第3行：来源“邮寄”应为以下之一：上传、生成盖章、固定文本、表单",
            "materials.csv 第3行：奖项类别“comprehensive”的材料代码“application-form”与第2行重复",
            "materials.csv 第5行：类别代码“nobody”不在 categories.csv 中",
            "rules.csv 第3行：序号“x”应为不小于 1 的整数",
            "rules.csv 第5行：条件代码“no-such-rule”不是已知的申报条件",
            "stages.csv 第4行：序号“2”与第3行重复",
            "caps.csv 第3行：按方向“也许”应为以下之一：是、否",
            "caps.csv 第3行：上限“0”应为不小于 1 的整数",
            "windows.csv 第2行：截止“2022-04-30”早于开始“2022-05-01”",
            "windows.csv 第3行：窗口代码“application”与第2行重复",
            "windows.csv 第3行：开始“2022-07-01 9:00”不是有效时间（格式 yyyy-MM-dd HH:mm）",
            "windows.csv 第4行：截止“2022-06-30 09:00”早于开始“2022-07-01 09:00”",
            "windows.csv 第5行：精度“周”应为以下之一：分钟、日",
        ], ProblemsOf(files));
    }

    [Fact]
    public void One_bad_row_is_enough_to_import_nothing()
    {
        var files = Files("technology-award-2024", (name, text) => name == "windows.csv" ? text.Replace("2024-05-31 16:00,分钟\nnomination", "2024-05-31 16:60,分钟\nnomination") : text);
        Assert.Equal(["windows.csv 第2行：截止“2024-05-31 16:60”不是有效时间（格式 yyyy-MM-dd HH:mm，可写 24:00 表示当日结束）"], ProblemsOf(files));
    }

    [Fact]
    public void Empty_fields_extra_programme_rows_duplicate_levels_and_categories_without_materials_are_named()
    {
        var files = Files("technology-award-2024", (name, text) => name switch
        {
            "programme.csv" => text + "technology-award-2025,2025年,上海市质量协会,,提名\n",
            "categories.csv" => text.Replace("progress,质量技术进步奖,项目,质量技术进步奖", "progress,,项目,质量技术进步奖、质量技术进步奖")
                + "extra,另一奖项,项目,,\n",
            "materials.csv" => text.Replace("invention,2,commitment,第一完成人承诺书,是,固定文本,", "invention,2,commitment,第一完成人承诺书,,固定文本,"),
            _ => text,
        });
        Assert.Equal(
        [
            "programme.csv 第3行：只能有一行数据（第2行已给出）",
            "categories.csv 第3行：“类别名称”不能为空",
            "categories.csv 第3行：奖项等级“质量技术进步奖”重复",
            "categories.csv 第4行：“奖项等级”不能为空",
            "materials.csv 第3行：“必需”不能为空",
        ], ProblemsOf(files));

        var noMaterials = Files("technology-award-2024", (name, text) => name == "categories.csv" ? text + "extra,另一奖项,项目,另一奖项,\n" : text);
        Assert.Equal(["materials.csv：奖项类别“extra”没有任何材料"], ProblemsOf(noMaterials));
    }

    [Fact]
    public void A_definition_whose_rows_are_right_is_still_checked_as_a_whole()
    {
        // Each row of caps.csv is well formed, but 质量技术发明奖 has no 申报方向 to cap by: ProgrammeDefinition.Problems().
        var files = Files("technology-award-2024", (name, text) => text);
        files["caps.csv"] = "类别代码,按方向,上限,合作单位不限\ninvention,是,2,否\n";
        var result = ProgrammeImport.Read(files);
        Assert.Null(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Null(problem.File);
        Assert.Equal("奖项类别“质量技术发明奖”没有申报方向或范围，不能按方向限制名额", problem.ToString());
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_named()
    {
        var bytes = Files("technology-award-2024").ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value));
        bytes["stages.csv"] = [0xD0, 0xF2, 0xBA, 0xC5, 0x2C, 0xBD, 0xD7, 0xB6, 0xCE, 0x0A]; // "序号,阶段" in GBK
        var result = ProgrammeImport.Read(bytes);
        Assert.Null(result.Definition);
        Assert.Equal(["stages.csv：文件不是 UTF-8 编码（请在 Excel 中另存为“CSV UTF-8（逗号分隔）”）"], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_folder_holds_the_programme_of_its_name()
    {
        var dir = Directory.CreateTempSubdirectory("programme-").FullName;
        try
        {
            var target = Path.Combine(dir, "technology-award-2025");
            Directory.CreateDirectory(target);
            foreach (var (name, text) in Files("technology-award-2024")) File.WriteAllText(Path.Combine(target, name), text);
            var result = ProgrammeImport.ReadFolder(target);
            Assert.Null(result.Definition);
            Assert.Equal(["programme.csv 第2行：代码“technology-award-2024”应与文件夹名“technology-award-2025”一致"], result.Problems.Select(p => p.ToString()));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_problem_is_a_wording_with_file_and_line()
    {
        var p = new ProgrammeImportProblem("rules.csv", 3, Wording.Of("条件代码“{0}”不是已知的申报条件", "x"));
        Assert.Equal("{0} 第{1}行：{2}", p.Text.Format);
        Assert.Equal("rules.csv 第3行：条件代码“x”不是已知的申报条件", p.Text.ToString());
    }

    [Fact]
    public void Score_sheets_are_optional_and_checked_by_row_and_as_a_whole()
    {
        // Issue 16: the expert review's 初评 and 复评 sheets; 002's as seeded.
        var sheets = Imported("government-quality-award-2025").ScoreSheets;
        Assert.Equal(["政府质量奖资料评审评分表", "政府质量奖现场评审评分表"], sheets.Select(s => s.Name));
        Assert.Equal([RoundKind.FirstReview, RoundKind.ReReview], sheets.Select(s => s.Round));
        Assert.Equal(["质量管理水平", "创新性", "示范性", "推广性", "经济社会贡献"], sheets[0].Criteria.Select(c => c.Name));
        Assert.Equal([30m, 25m, 20m, 15m, 10m], sheets[0].Criteria.Select(c => c.MaxPoints));

        var files = Files("government-quality-award-2025", (name, text) => name == ProgrammeImport.ScoreSheetsFile
            ? "评分表,轮次,序号,评分项,满分\nA,初评,1,甲,60\nA,初评,2,乙,39\nA,初评,2,丙,1\nB,终评,1,丙,100\nC,初评,1,丁,100\nD,复评,1,戊,百\n"
            : text);
        Assert.Equal(
        [
            "score-sheets.csv 第4行：评分表“A”的序号 2 重复",
            "score-sheets.csv 第5行：轮次“终评”应为以下之一：初评、复评",
            "score-sheets.csv 第6行：初评已有评分表“A”（第2行）",
            "score-sheets.csv 第7行：满分“百”应为数字",
            "score-sheets.csv 第2行：评分表“A”：评分项满分合计为 99，应为 100",
            "score-sheets.csv：缺少复评评分表",
        ], ProblemsOf(files));
        // Without the file a programme has no sheets (it cannot open a review).
        Assert.Empty(ProgrammeImport.Read(Files("government-quality-award-2025", (name, text) => name == ProgrammeImport.ScoreSheetsFile ? null : text)).Definition!.ScoreSheets);
    }
}
