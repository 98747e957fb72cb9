namespace Judging.Tests.Domain.Programmes;

using Judging.Domain.Programmes;

/// <summary>
/// The site visit team's conflict rule (issue 16, "Site verification": "forms a team (experts without a conflict)"): no expert
/// from the applicant, an individual's 所在单位, the recommender or nominator, or the group; names compared after trimming.
/// </summary>
public sealed class SiteVisitTeamTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    private static SiteVisitMember M(string name, string organisation) => new(name, organisation);

    [Fact]
    public void An_organisation_applicant_and_its_nominator_and_group_are_parties_and_blank_fields_are_not()
    {
        // Seed 004: 被提名单位 is the applicant, 提名单位 the nominator.
        var fields = new Dictionary<string, string> { ["提名单位"] = " 上海市申江区经济委员会 ", ["所属集团"] = "申江控股集团", ["推荐单位"] = "  " };
        var parties = SiteVisitTeam.PartiesOf("上海申蓝精密机械有限公司", fields, individual: false);
        Assert.Equal(
            [
                new SiteVisitParty(SiteVisitPartyKind.Applicant, "上海申蓝精密机械有限公司"),
                new SiteVisitParty(SiteVisitPartyKind.Recommender, "上海市申江区经济委员会"),
                new SiteVisitParty(SiteVisitPartyKind.Group, "申江控股集团"),
            ], parties);
    }

    [Fact]
    public void An_expert_of_the_applicant_is_refused_naming_the_rule_and_the_organisation_after_trimming()
    {
        var parties = SiteVisitTeam.PartiesOf("上海申蓝精密机械有限公司", NoFields, individual: false);
        var conflict = SiteVisitTeam.ConflictOf(M("王敏", "  上海申蓝精密机械有限公司　"), parties);
        Assert.NotNull(conflict);
        Assert.Equal("专家“王敏”的工作单位“上海申蓝精密机械有限公司”是申报单位，须回避", conflict.ToString());
        Assert.Null(SiteVisitTeam.ConflictOf(M("李强", "上海市质量协会"), parties));
    }

    [Fact]
    public void An_individual_applicant_conflicts_by_name_and_by_the_organisation_they_work_for()
    {
        // Seed 002 个人: 名称 is the person, 所在单位 their organisation.
        var fields = new Dictionary<string, string> { ["所在单位"] = "上海东海船舶修造有限公司" };
        var parties = SiteVisitTeam.PartiesOf("陈海峰", fields, individual: true);
        Assert.Contains("是申报人本人", SiteVisitTeam.ConflictOf(M(" 陈海峰", "上海市质量协会"), parties)!.ToString());
        Assert.Contains("是申报人的所在单位", SiteVisitTeam.ConflictOf(M("周婷", "上海东海船舶修造有限公司"), parties)!.ToString());
        // An organisation named like the person is no conflict: a person conflicts by name only.
        Assert.Null(SiteVisitTeam.ConflictOf(M("周婷", "陈海峰"), parties));
    }

    [Fact]
    public void Recommender_and_group_conflicts_say_which_rule()
    {
        var fields = new Dictionary<string, string> { ["推荐单位"] = "上海市机械工业联合会", ["集团公司"] = "申江控股集团" };
        var parties = SiteVisitTeam.PartiesOf("上海申蓝精密机械有限公司", fields, individual: false);
        Assert.Equal("专家“赵伟”的工作单位“上海市机械工业联合会”是本申报的推荐（提名）单位，须回避",
            SiteVisitTeam.ConflictOf(M("赵伟", "上海市机械工业联合会"), parties)!.ToString());
        Assert.Equal("专家“钱芳”的工作单位“申江控股集团”是申报单位的所属集团，须回避",
            SiteVisitTeam.ConflictOf(M("钱芳", "申江控股集团"), parties)!.ToString());
    }

    [Fact]
    public void A_team_needs_two_complete_distinct_members_without_conflicts()
    {
        var parties = SiteVisitTeam.PartiesOf("上海申蓝精密机械有限公司", NoFields, individual: false);
        Assert.Equal(["现场验证专家组至少 2 人，第一位为组长"], SiteVisitTeam.Check([M("李强", "上海市质量协会")], parties).Select(w => w.ToString()));
        Assert.Equal(["第 2 位专家的姓名和工作单位都要填写"],
            SiteVisitTeam.Check([M("李强", "上海市质量协会"), M("王敏", " ")], parties).Select(w => w.ToString()));
        Assert.Equal(["专家“李强”重复列入专家组"],
            SiteVisitTeam.Check([M("李强", "上海市质量协会"), M("李强 ", "同济大学")], parties).Select(w => w.ToString()));
        var problems = SiteVisitTeam.Check([M("李强", "上海市质量协会"), M("王敏", "上海申蓝精密机械有限公司")], parties);
        Assert.Single(problems);
        Assert.Contains("王敏", problems[0].ToString());
        Assert.Empty(SiteVisitTeam.Check([M("李强", "上海市质量协会"), M("王敏", "同济大学")], parties));
        Assert.Contains("最多 9 人", SiteVisitTeam.Check(Enumerable.Range(1, 10).Select(i => M($"专家{i}", "同济大学")).ToList(), parties).Single().ToString());
    }
}
