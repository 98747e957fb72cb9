namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Cases;
using Judging.Domain.Programmes;

/// <summary>
/// 上海市"质量标杆" (seed 001 附件1 一, 附件2 一; issue 13, "Eligibility"): the four conditions and the summary's limits,
/// counted in 字 as <see cref="WordCount"/> counts them — 40 vs 41 字 in the title, 500 vs 501, 8000 vs 8001, 2000 vs 2001 —
/// and the title's shape "（企业）+（典型方法技术）+（经验）".
/// </summary>
public sealed class QualityBenchmarkRulesTests
{
    /// <summary>n 字: n CJK characters.</summary>
    private static string Zi(int n) => new('质', n);

    private static BenchmarkSummary Summary() => new(
        Title: "上海申华机电有限公司实施六西格玛设计的经验", Abstract: Zi(500), Profile: Zi(500), Application: Zi(8000), Results: Zi(2000));

    private static QualityBenchmarkApplication Valid() => new(true, true, true, true, true, Summary());

    private static RuleCheck Rule(QualityBenchmarkApplication a, string code) => QualityBenchmarkRules.Check(a).Single(c => c.Code == code);

    private static RuleCheck Rule(BenchmarkSummary s, string code) => QualityBenchmarkRules.CheckSummary(s).Single(c => c.Code == code);

    [Fact]
    public void A_valid_application_passes_every_rule_in_the_notice_order()
    {
        var checks = QualityBenchmarkRules.Check(Valid());
        Assert.True(checks.AllPassed(), string.Join("\n", checks));
        Assert.Equal(
        [
            "legal-person", "no-violation", "method-mature", "commit-share",
            "title-length", "title-shape", "abstract-length", "profile-length", "application-length", "results-length",
        ], checks.Select(c => c.Code));
        // The title: 上海申华机电有限公司 (10) + 实施 (2) + 六西格玛设计 (6) + 的经验 (3) = 21 字.
        Assert.Equal("质量标杆名称 21 字（40 字以内）", checks[4].Reason.ToString());
    }

    [Fact]
    public void Each_condition_fails_with_its_reason()
    {
        Assert.Equal("申报单位应具有独立法人资格，且经营状况良好；不具有独立法人资格",
            Rule(Valid() with { IndependentLegalPerson = false }, "legal-person").Reason.ToString());
        Assert.Equal("申报单位应具有独立法人资格，且经营状况良好；经营状况不良",
            Rule(Valid() with { OperatingWell = false }, "legal-person").Reason.ToString());
        Assert.False(Rule(Valid() with { NoViolationsOrBadRecords = false }, "no-violation").Passed);
        Assert.False(Rule(Valid() with { MethodInMatureUse = false }, "method-mature").Passed);
        Assert.False(Rule(Valid() with { CommitsToShare = false }, "commit-share").Passed);
    }

    [Fact]
    public void The_title_may_have_40_zi_not_41()
    {
        // 38 字 + 经验 = 40; 39 + 2 = 41.
        Assert.True(Rule(Summary() with { Title = Zi(38) + "经验" }, "title-length").Passed);
        var over = Rule(Summary() with { Title = Zi(39) + "经验" }, "title-length");
        Assert.False(over.Passed);
        Assert.Equal("质量标杆名称应在 40 字以内，现为 41 字，超出 1 字", over.Reason.ToString());
        // An English word counts 1: 37 字 + "Lean" + 经验 = 40.
        Assert.True(Rule(Summary() with { Title = Zi(37) + "Lean经验" }, "title-length").Passed);
    }

    [Theory]
    [InlineData("上海申华机电有限公司实施六西格玛设计的经验", true)]
    [InlineData("申华公司精益生产经验", true)]
    [InlineData("申华公司实施六西格玛设计", false)]
    [InlineData("申华公司经验分享", false)]
    [InlineData("经验", false)]
    [InlineData("的经验", false)]
    public void The_title_follows_company_method_experience(string title, bool passed) =>
        Assert.Equal(passed, Rule(Summary() with { Title = title }, "title-shape").Passed);

    [Theory]
    [InlineData("abstract-length", 500)]
    [InlineData("profile-length", 500)]
    [InlineData("application-length", 8000)]
    [InlineData("results-length", 2000)]
    public void Each_section_may_reach_its_limit_but_not_pass_it(string code, int limit)
    {
        BenchmarkSummary With(int n) => code switch
        {
            "abstract-length" => Summary() with { Abstract = Zi(n) },
            "profile-length" => Summary() with { Profile = Zi(n) },
            "application-length" => Summary() with { Application = Zi(n) },
            _ => Summary() with { Results = Zi(n) },
        };
        Assert.True(Rule(With(limit), code).Passed);
        Assert.False(Rule(With(limit + 1), code).Passed);
        Assert.False(Rule(With(0), code).Passed);
    }

    [Fact]
    public void An_8200_zi_section_is_flagged_with_the_limit()
    {
        var r = Rule(Summary() with { Application = Zi(8200) }, "application-length");
        Assert.Equal("✗ 管理方法（技术）的推进和应用情况应在 8000 字以内，现为 8200 字，超出 200 字", r.ToString());
        Assert.Equal("摘要未填写（500 字以内）", Rule(Summary() with { Abstract = "  " }, "abstract-length").Reason.ToString());
    }
}
