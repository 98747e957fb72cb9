namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.Domain.Programmes;

/// <summary>
/// The programme board's stages (issue 16): in the notice's order, each linking to the page that runs it, with the notice's
/// own names in Chinese and the kinds in English; where there is no 公示, the proposed list comes before the decision.
/// </summary>
public sealed class ProgrammeStageStripTests
{
    private static IReadOnlyList<(string Text, string Href)> Links(IRenderedComponent<ProgrammeStageStrip> strip) =>
        strip.FindAll("a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href") ?? "")).ToList();

    [Fact]
    public async Task The_2022_award_links_its_stages_in_order_and_draws_up_the_list_before_the_decision()
    {
        await using var ctx = ComponentContext.Create();
        var plan = ProgrammeStagePlan.Of(["形式审查", "书面评价", "会审答辩", "现场验证（必要时）"]);
        var strip = ctx.Render<ProgrammeStageStrip>(p => p.Add(x => x.Code, "technology-award-2022").Add(x => x.Plan, plan));
        const string root = "/organiser/programmes/technology-award-2022/";
        Assert.Equal(
        [
            ("1. 形式审查", root + "formal-review"), ("2. 书面评价", root + "review"), ("3. 会审答辩", root + "review"),
            ("4. 现场验证（必要时）", root + "verification"), ("拟授奖名单", root + "notice"), ("5. 审定", root + "approval"), ("6. 表彰", root + "approval"),
        ], Links(strip));
    }

    [Fact]
    public async Task In_English_the_kinds_are_shown_and_a_notice_stage_links_the_notice()
    {
        await using var ctx = ComponentContext.Create("en");
        var plan = ProgrammeStagePlan.Of(["形式审查", "资料评审", "现场评审", "公示", "审定"]);
        var strip = ctx.Render<ProgrammeStageStrip>(p => p.Add(x => x.Code, "government-quality-award-2025").Add(x => x.Plan, plan));
        var links = Links(strip);
        Assert.Equal(["1. Formal review", "2. Expert review", "3. Site verification", "4. Public notice", "5. Approval", "6. Awards and certificates"], links.Select(l => l.Text));
        Assert.Equal("/organiser/programmes/government-quality-award-2025/notice", links[3].Href);
        Assert.DoesNotContain(links, l => l.Text == "Proposed list");
    }
}
