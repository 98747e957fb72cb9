namespace Judging.Tests.Programmes;

using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Judging.App.Programmes.Import;
using Judging.Domain.Programmes;
using Judging.Tests.Support;

/// <summary>
/// Form-row reading (issue 13, step 0): the applicant/nominator form stores its fields as column name → typed text, and
/// <see cref="ApplicantImport"/>'s …Form methods turn them into the programme's facts with the same parsing and messages as
/// an applicants.csv row — every seeded row given as a form gives the facts the CSV import gives; a wrong or empty field is
/// a <see cref="FieldProblem"/> naming it; 001's typed section texts are counted as typed.
/// </summary>
public sealed class ApplicantFormTests
{
    private static string Seed(string folder, string file) =>
        File.ReadAllText(Path.Combine(Paths.Seeds, "programmes", folder, file));

    /// <summary>Each row of a seeded applicants.csv as a form's fields (every column but 编号 and 预期), by 编号.</summary>
    private static Dictionary<string, Dictionary<string, string>> FormsOf(string folder)
    {
        using var csv = new CsvReader(new StringReader(Seed(folder, ApplicantImport.ApplicantsFile)), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var forms = new Dictionary<string, Dictionary<string, string>>();
        while (csv.Read())
            forms[csv.GetField("编号")!] = header.Where(h => h is not ("编号" or "预期")).ToDictionary(h => h, h => csv.GetField(h)!);
        return forms;
    }

    /// <summary>Facts compared by value (their lists too).</summary>
    private static string Json(object? facts) => JsonSerializer.Serialize(facts);

    private static T Ok<T>(FormReading<T> reading) where T : class
    {
        Assert.True(reading.Ok, string.Join("\n", reading.Problems.Select(p => $"{p.Field}: {p}")));
        Assert.Empty(reading.Problems);
        return reading.Facts!;
    }

    private static IReadOnlyList<PastWinner> Winners()
    {
        var result = ApplicantImport.PastWinners(Seed("government-quality-award-2025", ApplicantImport.PastWinnersFile));
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        return result.Winners!;
    }

    /// <summary>Every seeded row (<paramref name="count"/> of them) given as a form (its fields and 编号) gives its CSV facts.</summary>
    private static void AssertFormsGiveTheCsvFacts<T>(string folder, ApplicantImportResult<T> csv, int count,
        Func<Dictionary<string, string>, string, FormReading<T>> form) where T : class
    {
        Assert.True(csv.Ok, string.Join("\n", csv.Problems));
        var forms = FormsOf(folder);
        Assert.Equal(count, forms.Count);
        Assert.Equal(count, csv.Applicants!.Count);
        foreach (var row in csv.Applicants)
            Assert.Equal(Json(row.Facts), Json(Ok(form(forms[row.Id], row.Id))));
    }

    [Fact]
    public void Government_quality_award_forms_give_the_facts_of_their_csv_rows()
    {
        const string folder = "government-quality-award-2025";
        var winners = Winners();
        // G01–G25 and P01–P07, as SeededApplicantsTests counts them.
        AssertFormsGiveTheCsvFacts(folder,
            ApplicantImport.GovernmentQualityAward2025(Seed(folder, ApplicantImport.ApplicantsFile), Seed(folder, ApplicantImport.PastWinnersFile)),
            32, (fields, _) => ApplicantImport.GovernmentQualityAward2025Form(fields, winners));
        // G05's past award comes from the winners list: 质量金奖 2022 (past-winners.csv), as in the CSV import.
        var g05 = Ok(ApplicantImport.GovernmentQualityAward2025Form(FormsOf(folder)["G05"], winners));
        Assert.Equal([new PastQualityAward(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2022)], g05.PastAwards);
    }

    [Fact]
    public void Technology_award_2024_forms_give_the_facts_of_their_csv_rows() =>
        AssertFormsGiveTheCsvFacts("technology-award-2024", ApplicantImport.TechnologyAward2024(Seed("technology-award-2024", ApplicantImport.ApplicantsFile)),
            27, (fields, _) => ApplicantImport.TechnologyAward2024Form(fields));

    [Fact]
    public void Technology_award_2022_forms_give_the_facts_of_their_csv_rows()
    {
        AssertFormsGiveTheCsvFacts("technology-award-2022", ApplicantImport.TechnologyAward2022(Seed("technology-award-2022", ApplicantImport.ApplicantsFile)),
            30, ApplicantImport.TechnologyAward2022Form);
        Assert.Equal("X9", Ok(ApplicantImport.TechnologyAward2022Form(FormsOf("technology-award-2022")["T01"], "X9")).Id); // the id is the caller's
    }

    [Fact]
    public void Quality_benchmark_forms_without_typed_texts_give_the_facts_of_their_csv_rows() =>
        AssertFormsGiveTheCsvFacts("quality-benchmark-2021", ApplicantImport.QualityBenchmark2021(Seed("quality-benchmark-2021", ApplicantImport.ApplicantsFile)),
            26, (fields, _) => ApplicantImport.QualityBenchmark2021Form(fields));

    [Fact]
    public void A_bad_date_names_its_field_with_the_csv_rows_reason()
    {
        var fields = FormsOf("government-quality-award-2025")["G01"];
        fields["登记注册日期"] = "2025-02-30";
        var reading = ApplicantImport.GovernmentQualityAward2025Form(fields, Winners());
        Assert.Null(reading.Facts);
        var p = Assert.Single(reading.Problems);
        Assert.Equal("登记注册日期", p.Field);
        // The CSV row's message without "applicants.csv 第2行：".
        Assert.Equal("登记注册日期“2025-02-30”不是有效日期（格式 yyyy-MM-dd）", p.Reason.ToString());
    }

    [Fact]
    public void Bad_times_and_counts_and_missing_fields_name_their_fields()
    {
        var nomination = FormsOf("technology-award-2024")["N01"];
        nomination["提名时间"] = "2024-05-20 24:00";
        Assert.Equal([("提名时间", "提名时间“2024-05-20 24:00”不是有效时间（格式 yyyy-MM-dd HH:mm，北京时间）")],
            ApplicantImport.TechnologyAward2024Form(nomination).Problems.Select(p => (p.Field, p.ToString())));

        // A missing key is an empty field.
        var application = FormsOf("technology-award-2022")["T01"];
        application.Remove("提交时间");
        Assert.Equal([("提交时间", "“提交时间”不能为空")],
            ApplicantImport.TechnologyAward2022Form(application, "T01").Problems.Select(p => (p.Field, p.ToString())));

        var benchmark = FormsOf("quality-benchmark-2021")["B01"];
        benchmark["摘要字数"] = "四百";
        Assert.Equal([("摘要字数", "摘要字数“四百”不是非负整数")],
            ApplicantImport.QualityBenchmark2021Form(benchmark).Problems.Select(p => (p.Field, p.ToString())));

        // Only one end of the 公示 given: the empty one is named.
        var award = FormsOf("government-quality-award-2025")["G01"];
        award["公示结束"] = "";
        Assert.Equal([("公示结束", "“公示开始”与“公示结束”应同时填写或同时留空")],
            ApplicantImport.GovernmentQualityAward2025Form(award, Winners()).Problems.Select(p => (p.Field, p.ToString())));
    }

    [Fact]
    public void Quality_benchmark_typed_texts_are_counted_as_typed()
    {
        var fields = FormsOf("quality-benchmark-2021")["B01"]; // 摘要字数 480, 企业概况字数 450, 推进和应用字数 7500, 实施效果字数 1800
        fields["摘要"] = new string('质', 501);                  // typed: 501 字, over the 500 limit
        fields["企业概况"] = "本单位推行精益生产。";               // 本单位推行精益生产 = 9 字 (the full stop counts 0)
        fields["推进和应用"] = "";                                // typed but empty: not written
        fields["摘要字数"] = "";                                  // ignored when the text is there
        var facts = Ok(ApplicantImport.QualityBenchmark2021Form(fields));
        Assert.Equal(new string('质', 501), facts.Summary.Abstract);
        Assert.Equal("本单位推行精益生产。", facts.Summary.Profile);
        Assert.Equal(9, Judging.Domain.Cases.WordCount.Count(facts.Summary.Profile));
        Assert.Equal("", facts.Summary.Application);
        // 实施效果 has no text field, so its count column gives a stand-in of 1800 字 as in the CSV.
        Assert.Equal(1800, Judging.Domain.Cases.WordCount.Count(facts.Summary.Results));
        var checks = QualityBenchmarkRules.Check(facts);
        Assert.False(checks.Single(c => c.Code == QualityBenchmarkRules.AbstractLength).Passed);    // 501 > 500
        Assert.True(checks.Single(c => c.Code == QualityBenchmarkRules.ProfileLength).Passed);      // 9 ≤ 500
        Assert.False(checks.Single(c => c.Code == QualityBenchmarkRules.ApplicationLength).Passed); // not written
        Assert.True(checks.Single(c => c.Code == QualityBenchmarkRules.ResultsLength).Passed);      // 1800 ≤ 2000
    }

    [Fact]
    public void Past_winners_read_alone_all_or_nothing()
    {
        Assert.Contains(Winners(), w => w.Name == "上海华漕重型机械集团有限公司" && w.Unit == ""
            && w.Award == new PastQualityAward(QualityAwardLevel.Gold, QualityAwardApplicant.Organisation, 2022));
        var bad = ApplicantImport.PastWinners("获奖者,所在单位,奖项,类别,获奖年度\n上海甲有限公司,,质量金奖,先进质量管理模式,2020\n上海丙有限公司,,质量金奖,先进质量管理模式,21\n");
        Assert.Null(bad.Winners);
        Assert.Equal(["past-winners.csv 第3行：获奖年度“21”不是4位年份"], bad.Problems.Select(p => p.ToString()));
    }
}
