namespace Judging.Tests.Programmes;

using Judging.App.Programmes.Import;
using Judging.Domain.Programmes;
using Judging.Tests.Domain.Programmes;
using Judging.Tests.Support;

/// <summary>
/// The invented applicants of the four seeded programmes (issue 13, "Each seeded programme has 20–40 invented but plausible
/// applicants … whose data exercises every rule"; docs/programme-applicants.md): each file reads whole; every row's failing
/// rule codes are exactly its 预期 (so the seeds prove the rules); each programme has 20–40 rows, some eligible, and every
/// rule code of its rules class fails somewhere; and the parser's row errors.
/// </summary>
public sealed class SeededApplicantsTests
{
    private static string Seed(string folder, string file) =>
        File.ReadAllText(Path.Combine(Paths.Seeds, "programmes", folder, file));

    private static IReadOnlyList<SeededApplicant<T>> Ok<T>(ApplicantImportResult<T> result)
    {
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        return result.Applicants!;
    }

    /// <summary>Each row's failing codes against its 预期, with the rule's reasons on a mismatch.</summary>
    private static void AssertRowsMatch<T>(IReadOnlyList<SeededApplicant<T>> rows, Func<SeededApplicant<T>, IReadOnlyList<RuleCheck>> check)
    {
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var checks = check(row);
            var failed = checks.Failed().Select(c => c.Code).ToList();
            if (!failed.SequenceEqual(row.Expected))
                wrong.Add($"第{row.Line}行 {row.Id} {row.Name}: 预期 [{string.Join("、", row.Expected)}], 实际 [{string.Join("、", failed)}]\n  "
                    + string.Join("\n  ", checks));
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>20–40 rows, at least one eligible, and every code of the programme failing in at least one row.</summary>
    private static void AssertCoverage<T>(IReadOnlyList<SeededApplicant<T>> rows, IReadOnlyList<string> codes)
    {
        Assert.InRange(rows.Count, 20, 40);
        Assert.Contains(rows, r => r.Expected.Count == 0);
        var unexercised = codes.Where(code => !rows.Any(r => r.Expected.Contains(code))).ToList();
        Assert.True(unexercised.Count == 0, "No row fails: " + string.Join("、", unexercised));
    }

    // ---- 002 上海市政府质量奖 2025–2026 ----

    private static ApplicantImportResult<QualityAwardApplication> Read002(string applicants, string winners) =>
        ApplicantImport.GovernmentQualityAward2025(applicants, winners);

    private static IReadOnlyList<SeededApplicant<QualityAwardApplication>> Seeded002() => Ok(Read002(
        Seed("government-quality-award-2025", "applicants.csv"), Seed("government-quality-award-2025", "past-winners.csv")));

    [Fact]
    public void Government_quality_award_rows_fail_exactly_the_rules_their_expectation_names()
    {
        var rows = Seeded002();
        AssertRowsMatch(rows, r => GovernmentQualityAwardRules.Check(r.Facts, WorkingDaysTests.Cn));
        AssertCoverage(rows, ApplicantImport.GovernmentQualityAwardCodes);
        // 25 organisations (G01–G25) and 7 people (P01–P07).
        Assert.Equal(32, rows.Count);
    }

    [Fact]
    public void Government_quality_award_rows_carry_the_boundaries()
    {
        var rows = Seeded002().ToDictionary(r => r.Id);
        // G05 won 质量金奖 in 2022 (past-winners.csv) and applies for 市长质量奖 in 2025: 2025 − 2022 = 3 ≥ 3.
        Assert.Equal([new PastQualityAward(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2022)], rows["G05"].Facts.PastAwards);
        // G18's 公示 5/27 – 6/3 spans 端午 (5/31 – 6/2 off): 5/27, 5/28, 5/29, 5/30, 6/3 = 5 working days.
        var g18 = GovernmentQualityAwardRules.Check(rows["G18"].Facts, WorkingDaysTests.Cn).Single(c => c.Code == "internal-notice-5wd");
        Assert.Equal("✔ 申报前已在内部公示 2025-05-27 至 2025-06-03，共 5 个工作日", g18.ToString());
        // G19 stops on 6/2, a day off: 4 working days.
        var g19 = GovernmentQualityAwardRules.Check(rows["G19"].Facts, WorkingDaysTests.Cn).Single(c => c.Code == "internal-notice-5wd");
        Assert.Equal("✗ 公示时间不少于5个工作日；2025-05-27 至 2025-06-02 只有 4 个工作日", g19.ToString());
        // G12: a loss in 2019 (6 years back) and a policy loss in 2021, neither counts.
        Assert.Equal([new AnnualLoss(2019, false), new AnnualLoss(2021, true)], rows["G12"].Facts.Losses);
        // P05 (a person) matched on name and unit: 质量金奖 成果 2021.
        Assert.Equal([new PastQualityAward(QualityAwardLevel.Gold, QualityAwardApplicant.Individual, 2021)], rows["P05"].Facts.PastAwards);
        // G21 held no 公示; P07 gave no years.
        Assert.Null(rows["G21"].Facts.PublicNotice);
        Assert.Null(rows["P07"].Facts.QualityWorkYearsInShanghai);
    }

    private const string Header002 = "编号,名称,所在单位,奖项,申报主体,申报日期,在沪登记注册,登记注册日期,在沪从事质量工作年限,首席质量官制度,亏损年度,重大事故,重大质量投诉,声明无严重失信,公示开始,公示结束,同年申报区级奖,预期\n";
    private const string Winners002 = "获奖者,所在单位,奖项,类别,获奖年度\n上海甲有限公司,,质量金奖,先进质量管理模式,2020\n";

    [Fact]
    public void Government_quality_award_row_errors_are_reported_with_file_and_line_and_nothing_is_read()
    {
        var result = Read002(Header002
            + "G01,上海甲有限公司,,质量金奖,组织,2025-02-30,是,2006-03-15,,是,2020（政策）,,,是,2025-06-09,,否,符合\n"
            + "G01,上海乙有限公司,,区长奖,组织,2025-06-20,也许,,,是,,2021-03-18（火灾）,,是,,,否,no-loss\n",
            Winners002 + "上海丙有限公司,,质量金奖,先进质量管理模式,21\n");
        Assert.False(result.Ok);
        Assert.Null(result.Applicants);
        Assert.Equal(
        [
            "past-winners.csv 第3行：获奖年度“21”不是4位年份",
            "applicants.csv 第2行：申报日期“2025-02-30”不是有效日期（格式 yyyy-MM-dd）",
            "applicants.csv 第2行：亏损年度中的“2020（政策）”应为年份，政策性亏损写作“2021（政策性）”",
            "applicants.csv 第2行：“公示开始”与“公示结束”应同时填写或同时留空",
            "applicants.csv 第3行：编号“G01”与第2行重复",
            "applicants.csv 第3行：奖项“区长奖”应为：市长质量奖、质量金奖",
            "applicants.csv 第3行：在沪登记注册“也许”应为“是”或“否”",
            "applicants.csv 第3行：重大事故中的“2021-03-18（火灾）”应写作“日期（事故类型）”，如“2022-03-14（重大安全事故）”；事故类型为：重大质量事故、重大安全事故、重大环境污染事故、重大公共卫生事故、重大食品药品安全事故",
            "applicants.csv 第3行：预期中的“no-loss”不是本评选的申报条件代码，应为“符合”或：mayor-gold-3y、gold-registered-shanghai、gold-operating-3y、mayor-work-10y、gold-work-5y、chief-quality-officer、no-loss-5y、no-major-incident、no-major-complaint、no-serious-dishonesty、internal-notice-5wd、not-city-and-district、no-repeat-5y",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_file_without_a_needed_column_or_with_an_open_quote_is_refused_whole()
    {
        var missing = Read002("编号,名称\nG01,上海甲有限公司\n", Winners002);
        Assert.Equal("applicants.csv 第1行：缺少列：所在单位、奖项、申报主体、申报日期、在沪登记注册、登记注册日期、在沪从事质量工作年限、首席质量官制度、亏损年度、重大事故、重大质量投诉、声明无严重失信、公示开始、公示结束、同年申报区级奖、预期",
            Assert.Single(missing.Problems).ToString());
        // The quote opened on line 3 never closes.
        var open = Read002(Header002 + "\n\"G01,上海甲有限公司\n", Winners002);
        Assert.Equal("applicants.csv 第3行：引号未闭合", Assert.Single(open.Problems).ToString());
        Assert.Equal("applicants.csv：没有任何数据行", Assert.Single(Read002(Header002, Winners002).Problems).ToString());
    }

    [Fact]
    public void A_quoted_field_may_hold_commas_and_line_breaks_and_the_next_row_keeps_its_line()
    {
        var row = "2025-06-20,是,2006-03-15,,是,,,,是,2025-06-09,2025-06-13,否,符合\n";
        var result = Read002(Header002 + "G01,\"上海甲,乙\n有限公司\",,质量金奖,组织," + row + "G02,上海丙有限公司,,质量金奖,组织," + row, Winners002);
        var rows = Ok(result);
        Assert.Equal("上海甲,乙\n有限公司", rows[0].Name);
        // G01 takes lines 2–3, so G02 is line 4.
        Assert.Equal(4, rows[1].Line);
    }

    // ---- 004 质量技术奖 2024 (nomination only) ----

    private static IReadOnlyList<SeededApplicant<Nomination2024>> Seeded004() =>
        Ok(ApplicantImport.TechnologyAward2024(Seed("technology-award-2024", "applicants.csv")));

    [Fact]
    public void Technology_award_2024_rows_fail_exactly_the_rules_their_expectation_names()
    {
        var rows = Seeded004();
        AssertRowsMatch(rows, r => TechnologyAwardRules2024.Check(r.Facts));
        AssertCoverage(rows, ApplicantImport.TechnologyAward2024Codes);
        Assert.Equal(27, rows.Count);
    }

    [Fact]
    public void Technology_award_2024_times_are_beijing_minutes()
    {
        var rows = Seeded004().ToDictionary(r => r.Id);
        // N19 nominated at 2024-05-31 16:00 Beijing = 08:00 UTC, inside (the window closes at 16:01:00); N21 at 16:01, outside.
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 8, 0, 0, TimeSpan.Zero), rows["N19"].Facts.At);
        Assert.Equal("✗ 提名系统开放时间：2024-04-22 09:00 至 2024-05-31 16:00（北京时间）；逾期将不予受理",
            TechnologyAwardRules2024.Check(rows["N21"].Facts).Single(c => c.Code == "nomination-window").ToString());
        // 4A and 4星 both read as grade 4; 3A as 3.
        Assert.Equal(4, rows["N02"].Facts.Nominator.AssessmentGrade);
        Assert.Equal(4, rows["N17"].Facts.Nominator.AssessmentGrade);
        Assert.Equal(3, rows["N04"].Facts.Nominator.AssessmentGrade);
        Assert.Null(rows["N16"].Facts.ActivityRegisteredAt);
    }

    [Fact]
    public void Technology_award_2024_row_errors()
    {
        var result = ApplicantImport.TechnologyAward2024(string.Join(",", ApplicantImport.TechnologyAward2024Columns) + "\n"
            + "N01,某项目,质量技术发明奖,上海某协会,行业协会,6A,上海甲有限公司,其他企业,是,2024-04-31 10:00,2024-05-20 24:00,符合\n");
        Assert.Equal(
        [
            "applicants.csv 第2行：提名单位类型“行业协会”应为：市、区两级相关政府部门、全市性行业协会（联合会）等社会组织、相关事业单位、质量基础设施专业机构、在沪央企、国企等集团性企业、上海市质量协会质量技术应用推广部门、其他单位",
            "applicants.csv 第2行：评估等级“6A”应为空或 1A–5A、1星–5星",
            "applicants.csv 第2行：活动报名时间“2024-04-31 10:00”不是有效时间（格式 yyyy-MM-dd HH:mm，北京时间）",
            "applicants.csv 第2行：提名时间“2024-05-20 24:00”不是有效时间（格式 yyyy-MM-dd HH:mm，北京时间）",
        ], result.Problems.Select(p => p.ToString()));
    }

    // ---- 003 质量技术奖 2022 ----

    private static IReadOnlyList<SeededApplicant<TechnologyApplication2022>> Seeded003() =>
        Ok(ApplicantImport.TechnologyAward2022(Seed("technology-award-2022", "applicants.csv")));

    /// <summary>Checks one row at its submission against the same applicant's other rows (the cap counts them all).</summary>
    private static IReadOnlyList<RuleCheck> Check003(IReadOnlyList<SeededApplicant<TechnologyApplication2022>> rows, TechnologyApplication2022 a) =>
        TechnologyAwardRules2022.Check(a, rows.Select(r => r.Facts).Where(f => f.Applicant == a.Applicant), a.SubmittedAt!.Value);

    [Fact]
    public void Technology_award_2022_rows_fail_exactly_the_rules_their_expectation_names()
    {
        var rows = Seeded003();
        AssertRowsMatch(rows, r => Check003(rows, r.Facts));
        AssertCoverage(rows, ApplicantImport.TechnologyAward2022Codes);
        Assert.Equal(30, rows.Count);
    }

    [Fact]
    public void Technology_award_2022_caps_follow_submission_order_not_file_order()
    {
        var rows = Seeded003();
        var byId = rows.ToDictionary(r => r.Id);
        // 上海淞南建设: T05 and T06 at 5/5 09:00 (tie: by id), T08 5/25, T07 6/20 — T07 is the 4th 六西格玛 project.
        Assert.Equal("✗ 质量改进优秀项目的每个申报范围上不能超过 3 个；本单位在“六西格玛管理项目”范围上已有 3 个，本项目为第 4 个",
            Check003(rows, byId["T07"].Facts).Single(c => c.Code == "cap").ToString());
        // 上海浦隆食品: T12 came via an uncapped partner and takes no place, so T13 is the 3rd capped 绿色双碳 project.
        Assert.Equal("✔ 经共建协同创新机制的活动组织推荐单位推荐，推荐名额不受限制", Check003(rows, byId["T12"].Facts).Single(c => c.Code == "cap").ToString());
        Assert.False(Check003(rows, byId["T13"].Facts).Single(c => c.Code == "cap").Passed);
        // 2022-05-01 00:00 Beijing = 2022-04-30 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2022, 4, 30, 16, 0, 0, TimeSpan.Zero), byId["T22"].Facts.SubmittedAt);
        Assert.Null(byId["T05"].Facts.Evidence);
    }

    [Fact]
    public void Technology_award_2022_row_errors()
    {
        var result = ApplicantImport.TechnologyAward2022(string.Join(",", ApplicantImport.TechnologyAward2022Columns) + "\n"
            + "T01,某项目,上海甲有限公司,农业,综合类,数字化质量创新成果,评审,否,,符合、cap\n");
        Assert.Equal(
        [
            "applicants.csv 第2行：重点领域“农业”应为：制造、非营利性服务、市场服务、建造、专精特新中小企业",
            "applicants.csv 第2行：类别“综合类”应为：综合类质量创新成果、质量改进优秀项目",
            "applicants.csv 第2行：技术评价“评审”应为：鉴定、验收、技术评估",
            "applicants.csv 第2行：“提交时间”不能为空",
            "applicants.csv 第2行：预期中的“符合”不是本评选的申报条件代码，应为“符合”或：direction、evaluation-evidence、window、cap",
        ], result.Problems.Select(p => p.ToString()));
    }

    // ---- 001 上海市"质量标杆" 2021–2022 ----

    private static IReadOnlyList<SeededApplicant<QualityBenchmarkApplication>> Seeded001() =>
        Ok(ApplicantImport.QualityBenchmark2021(Seed("quality-benchmark-2021", "applicants.csv")));

    [Fact]
    public void Quality_benchmark_rows_fail_exactly_the_rules_their_expectation_names()
    {
        var rows = Seeded001();
        AssertRowsMatch(rows, r => QualityBenchmarkRules.Check(r.Facts));
        AssertCoverage(rows, ApplicantImport.QualityBenchmarkCodes);
        Assert.Equal(26, rows.Count);
    }

    [Fact]
    public void Quality_benchmark_rows_carry_the_40_and_41_word_titles_and_the_8200_word_section()
    {
        var rows = Seeded001().ToDictionary(r => r.Id);
        Assert.Equal(40, WordCountOf(rows["B07"].Facts.Summary.Title));
        Assert.Equal(41, WordCountOf(rows["B08"].Facts.Summary.Title));
        Assert.Equal("✗ 管理方法（技术）的推进和应用情况应在 8000 字以内，现为 8200 字，超出 200 字",
            QualityBenchmarkRules.Check(rows["B16"].Facts).Single(c => c.Code == "application-length").ToString());
        // "5S" counts as one 字: 上海松江申茂纺织有限公司 (12) + 实施 (2) + 5S (1) + 现场管理的经验 (7) = 22.
        Assert.Equal(22, WordCountOf(rows["B11"].Facts.Summary.Title));
        Assert.Equal("✗ 摘要未填写（500 字以内）", QualityBenchmarkRules.Check(rows["B19"].Facts).Single(c => c.Code == "abstract-length").ToString());
    }

    private static int WordCountOf(string? text) => Judging.Domain.Cases.WordCount.Count(text);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(51)]
    [InlineData(8200)]
    public void A_stand_in_text_counts_exactly_its_words(int words) =>
        Assert.Equal(words, WordCountOf(ApplicantImport.StandInText(words)));

    [Fact]
    public void Quality_benchmark_row_errors()
    {
        var result = ApplicantImport.QualityBenchmark2021(string.Join(",", ApplicantImport.QualityBenchmarkColumns) + "\n"
            + "B01,上海甲有限公司,是,对,是,是,是,上海甲有限公司推行精益生产的经验,四百,-5,8000,,符合\n");
        Assert.Equal(
        [
            "applicants.csv 第2行：经营状况良好“对”应为“是”或“否”",
            "applicants.csv 第2行：摘要字数“四百”不是非负整数",
            "applicants.csv 第2行：企业概况字数“-5”不是非负整数",
            "applicants.csv 第2行：“实施效果字数”不能为空",
        ], result.Problems.Select(p => p.ToString()));
    }
}
