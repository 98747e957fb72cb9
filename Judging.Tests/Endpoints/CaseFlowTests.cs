namespace Judging.Tests.Endpoints;

using Judging.App.ResultsEngine;
using Judging.App.Awards;
using Judging.App.Defence;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 5 end to end on the seeds: the cases' first review (初审) assigned to 3 experts each and scored online, the
/// re-review (复审) list through the finals engine, defences (答辩) scheduled in the re-review and heard with the live round
/// flow, and tiers through the awards engine.
/// </summary>
public sealed class CaseFlowTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public CaseFlowTests(TestApp app) => this.app = app;

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    [Fact]
    public async Task From_the_first_review_through_re_review_and_defence_to_tiers()
    {
        var round = await app.WithDbAsync(db => db.Rounds.SingleAsync(r => r.Track == Track.InnovationCase && r.Kind == RoundKind.FirstReview));
        Assert.True(round.Online);
        var (plan, error) = await WithAsync(sp => sp.GetRequiredService<ReviewService>().GenerateAsync(round.Id, 3, "test", default));
        Assert.Null(error);
        Assert.Equal(24 * 3, plan!.All.Count); // AL-025 has no document: it is not given to experts (formal review first)
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(round.Id, true, "test", default)));

        // Every assigned expert scores (35/35/30 sheet): the entry in code order i totals 88 − i, experts differ by 0.5.
        var codes = await app.WithDbAsync(db => db.Entries.Where(e => e.Track == Track.InnovationCase).OrderBy(e => e.Code).Select(e => new { e.Id, e.Code }).ToListAsync());
        var index = codes.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var pair in plan.All)
        {
            var i = index[pair.EntryId];
            decimal?[] points = [30m - i * 0.5m, 30m - i * 0.5m, 28m - (pair.JudgeId % 2) * 0.5m];
            var result = await WithAsync(sp => sp.GetRequiredService<ReviewService>().SubmitAsync(pair.JudgeId, round.Id, pair.EntryId, points, ["思路清晰", "体系完整", "成效明显"], default));
            Assert.Equal(SubmitStatus.Stored, result.Status);
        }
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(round.Id, false, "test", default)));

        // The re-review list: 10 best cases by first-review score (default for non-speech tracks), caps applied.
        var view = await WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.InnovationCase, default))!);
        Assert.True(view.PreliminariesClosed);
        foreach (var t in view.Outcome!.Finalists.Ties.Where(t => !t.Resolved))
            Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ResolveFinalistTieAsync(1, Track.InnovationCase, t.Key, TieResolution.TieBreak, "test", default)));
        view = await WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.InnovationCase, default))!);
        Assert.Equal(10, view.Outcome!.Finalists.FinalistIds.Count);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ConfirmFinalistsAsync(1, Track.InnovationCase, "test", default)));
        view = await WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.InnovationCase, default))!);
        var reReview = view.FinalRound!;
        Assert.Equal(RoundKind.ReReview, reReview.Kind);
        Assert.False(reReview.Online);

        // Two cases called to a defence; an overlapping third is refused; the schedule puts them first.
        var defence = await WithAsync(sp => sp.GetRequiredService<DefenceService>().LoadAsync(1, default));
        Assert.Null(defence.Error);
        var (a, b, c) = (defence.Lines[4].EntryId, defence.Lines[7].EntryId, defence.Lines[1].EntryId);
        var day = new DateTime(2025, 7, 15);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<DefenceService>().CallAsync(1, a, day.AddHours(10), 20, "达到标杆级水平", "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<DefenceService>().CallAsync(1, b, day.AddHours(9), 20, "达到标杆级水平", "test", default)));
        Assert.Contains("重叠", await WithAsync(sp => sp.GetRequiredService<DefenceService>().CallAsync(1, c, day.AddHours(9).AddMinutes(10), 20, "达到标杆级水平", "test", default)));
        Assert.Equal("取消答辩须填写理由", await WithAsync(sp => sp.GetRequiredService<DefenceService>().CancelAsync(1, a, " ", "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<DefenceService>().ApplyRunningOrderAsync(1, "test", default)));
        var order = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == reReview.Id).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());
        Assert.Equal([b, a], order.Take(2));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(x => x.Action == "安排答辩")));

        // The case panel hears and scores the re-review in the live flow; conflicted experts are refused.
        var panel = await app.WithDbAsync(db => db.Judges.Where(j => j.Track == Track.InnovationCase).OrderBy(j => j.Code).ToListAsync());
        var entryCodes = codes.ToDictionary(x => x.Id, x => x.Code);
        var refused = 0;
        for (var i = 0; i < order.Count; i++)
        {
            await app.OpenScoringAsync(reReview.Id, entryCodes[order[i]]);
            foreach (var judge in panel)
            {
                decimal?[] points = [33m - i, 32m, 28m];
                var r = await WithAsync(sp => sp.GetRequiredService<ScoringService>().SubmitAsync(judge.Id, new ScoreSubmission(reReview.Id, order[i], points, $"rr-{order[i]}-{judge.Id}"), default));
                if (r.Status == SubmitStatus.Refused) refused++;
                else Assert.Equal(SubmitStatus.Stored, r.Status);
            }
        }
        Assert.True(refused > 0); // AJ-02…: declared conflicts with some re-review cases
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<RoundConsole>().CloseAsync(reReview.Id, "test", default)));

        // Tiers: the re-review decides 一等奖 (3) and 二等奖 (the other 7); 三等奖 for 15 % of the 25 cases from the rest.
        view = await WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.InnovationCase, default))!);
        foreach (var t in view.Outcome!.Tiers.Ties)
            Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ResolveTierTieAsync(1, Track.InnovationCase, t.Key, TieResolution.TieBreak, "test", default, "按规则决出")));
        view = await WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.InnovationCase, default))!);
        Assert.Equal(3, view.Outcome!.Tiers.Counts[0].Count);
        Assert.Equal(7, view.Outcome.Tiers.Counts[1].Count);
        Assert.Equal(order.Take(3), view.Outcome.Tiers.Lines.Where(l => l.Tier == AwardTier.First).Select(l => l.Candidate.EntryId));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(1, Track.InnovationCase, "test", default)));
        Assert.Equal("复审已结束，不能再安排答辩", await WithAsync(sp => sp.GetRequiredService<DefenceService>().CallAsync(1, c, day.AddHours(14), 20, "补充答辩", "test", default)));
    }
}
