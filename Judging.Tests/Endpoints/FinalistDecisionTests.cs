namespace Judging.Tests.Endpoints;

using Judging.App.ResultsEngine;
using Judging.App.Finalists;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The organiser's finalist decisions are append-only, need reasons, and are refused where they would be ignored.</summary>
public sealed class FinalistDecisionTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    [Fact]
    public async Task Withdrawal_needs_a_reason_moves_the_next_entry_up_and_blocks_overrides()
    {
        using var scope = app.Services.CreateScope();
        var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
        var yj008 = await app.EntryIdAsync("YJ-008");

        Assert.Equal("请填写退赛或取消资格的理由", await results.SetEligibilityAsync(1, Track.Speech, yj008, Eligibility.Withdrawn, "", "test", default));
        Assert.Null(await results.SetEligibilityAsync(1, Track.Speech, yj008, Eligibility.Withdrawn, "选手因病无法参加决赛", "test", default));
        var lines = (await results.LoadAsync(1, Track.Speech, default))!.Outcome!.Finalists.Lines.ToDictionary(l => l.Candidate.Code);
        Assert.Equal(SkipReason.Withdrawn, lines["YJ-008"].Reason);
        // 光明乳业's seat is free again: YJ-010 (嘉定, 2nd) is no longer capped.
        Assert.Equal(FinalistStatus.Finalist, lines["YJ-010"].Status);
        Assert.Equal(FinalistStatus.Finalist, lines["YJ-036"].Status); // 浦东's 4th moves up

        var refused = await results.SetOverrideAsync(1, Track.Speech, yj008, OverrideKind.Admit, "想让它回来", "test", default);
        Assert.StartsWith("YJ-008 已退赛：选手因病无法参加决赛，不能调整入围", refused);

        Assert.Null(await results.SetEligibilityAsync(1, Track.Speech, yj008, Eligibility.Eligible, null, "test", default));
        lines = (await results.LoadAsync(1, Track.Speech, default))!.Outcome!.Finalists.Lines.ToDictionary(l => l.Candidate.Code);
        Assert.Equal(FinalistStatus.Finalist, lines["YJ-008"].Status);
        Assert.Equal(SkipReason.UnitCap, lines["YJ-010"].Reason);

        // Every decision is kept, with its reason, and audited.
        var decisions = await app.WithDbAsync(db => db.Set<ResultDecision>().Where(d => d.Kind == DecisionKind.Eligibility).OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(["Withdrawn", "Eligible"], decisions.Select(d => d.Value));
        Assert.Equal("选手因病无法参加决赛", decisions[0].Reason);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Subject.EndsWith("YJ-008"))));
    }

    [Fact]
    public async Task A_title_that_looks_like_a_formula_stays_text_in_the_results_csv()
    {
        await app.WithDbAsync(async db =>
        {
            var e = await db.Entries.SingleAsync(x => x.Code == "YJ-001");
            e.Title = "=HYPERLINK(\"http://example.com\",\"点我\")";
            return await db.SaveChangesAsync();
        });
        using var scope = app.Services.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.Speech, default);
        var text = System.Text.Encoding.UTF8.GetString(scope.ServiceProvider.GetRequiredService<Judging.App.Awards.ResultsExport>().ResultsCsv(view!));
        Assert.Contains("'=HYPERLINK", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
    }

    [Fact]
    public async Task Going_against_the_commendation_proposal_needs_a_reason()
    {
        using var scope = app.Services.CreateScope();
        var awards = scope.ServiceProvider.GetRequiredService<Judging.App.Awards.AwardsService>();
        var recommender = await app.WithDbAsync(db => db.Recommenders.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        Assert.Equal("该单位未达到建议表扬条件，表扬须填写理由", await awards.SetCommendationAsync(1, recommender, true, " ", "test", default, againstProposal: true));
        Assert.Equal("该单位符合建议表扬条件，不予表扬须填写理由", await awards.SetCommendationAsync(1, recommender, false, null, "test", default, againstProposal: true));
        Assert.Null(await awards.SetCommendationAsync(1, recommender, true, null, "test", default));
        Assert.Null(await awards.SetCommendationAsync(1, recommender, false, "材料未按期盖章上报", "test", default, againstProposal: true));
        var kept = await app.WithDbAsync(db => db.Set<ResultDecision>().Where(d => d.Kind == DecisionKind.Commendation).OrderBy(d => d.Id).Select(d => d.Value).ToListAsync());
        Assert.Equal(["Yes", "No"], kept);
    }

    [Fact]
    public async Task A_tie_under_a_cap_is_not_settled_by_a_tie_resolution()
    {
        using var scope = app.Services.CreateScope();
        var results = scope.ServiceProvider.GetRequiredService<TrackResultsService>();
        Assert.Equal("名额限制下的同分须用“调出”或“破格入围”（写明理由）决定",
            await results.ResolveFinalistTieAsync(1, Track.Speech, CutKey.Cap(1), TieResolution.IncludeAll, "test", default));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ResultDecision>().CountAsync(d => d.Key == "cap:1")));
    }
}
