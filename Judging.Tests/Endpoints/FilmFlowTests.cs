namespace Judging.Tests.Endpoints;

using Judging.App.ResultsEngine;
using System.Net;
using System.Text;
using Judging.App.VenueVoting;
using Judging.App.Awards;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 4 end to end on the seeded films: public votes, the expert preliminary review online, the preliminary blending
/// votes (30 %) with the experts' score (70 %), finalists through the finals engine with its caps, votes frozen at
/// confirmation, the final by the expert panel, tiers, 最佳人气奖 by the most accepted votes and 最具创意奖 designated.
/// </summary>
public sealed class FilmFlowTests : IClassFixture<FilmVoteTestApp>
{
    private readonly FilmVoteTestApp app;
    public FilmFlowTests(FilmVoteTestApp app) => this.app = app;

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private Task<TrackResultsView> ViewAsync() => WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.MicroFilm, default))!);

    private async Task VoteAsync(int entryId, int ip)
    {
        using var voter = await app.VoterAsync($"10.{ip}.0.1", $"phone-{ip}");
        var res = await voter.PostAsync($"/api/films/{entryId}/votes", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task Votes_and_expert_review_choose_the_finalists_and_the_most_votes_win_the_popularity_award()
    {
        var films = await app.WithDbAsync(db => db.Entries.Where(e => e.Track == Track.MicroFilm && e.Code.StartsWith("WDY-0")).OrderBy(e => e.Code)
            .ToDictionaryAsync(e => e.Code, e => e.Id));
        Assert.Equal(30, films.Count);

        // The public votes: three for WDY-002 (上海电气集团), one for WDY-005 (same group).
        for (var i = 0; i < 3; i++) await VoteAsync(films["WDY-002"], 20 + i);
        await VoteAsync(films["WDY-005"], 30);

        // The expert review: every film to every film expert without a conflict; film i (code order) totals 80 − 0.5 i.
        var round = await app.WithDbAsync(db => db.Rounds.SingleAsync(r => r.Track == Track.MicroFilm && r.Kind == RoundKind.Preliminary));
        var (plan, error) = await WithAsync(sp => sp.GetRequiredService<ReviewService>().GenerateAsync(round.Id, 7, "test", default));
        Assert.Null(error);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(round.Id, true, "test", default)));
        var index = films.Values.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        foreach (var pair in plan!.All.Where(p => index.ContainsKey(p.EntryId)))
        {
            var i = index[pair.EntryId];
            decimal?[] points = [25m - i * 0.5m, 20m, 20m, 15m];
            Assert.Equal(SubmitStatus.Stored, (await WithAsync(sp => sp.GetRequiredService<ReviewService>().SubmitAsync(pair.JudgeId, round.Id, pair.EntryId, points, [], default))).Status);
        }
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(round.Id, false, "test", default)));

        // The blend: WDY-002 leads the votes (3 = full marks) → 0.7 × 79.5 + 30 = 85.65; WDY-005: 0.7 × 78 + 10 = 64.6.
        var v = await ViewAsync();
        var blend = v.Input.PublicVotes!;
        Assert.Equal(30m, blend.VoteWeightPercent);
        Assert.Equal(100m, blend.FullMarks);
        var lines = v.Outcome!.Lines.ToDictionary(l => l.Code);
        Assert.Equal(85.65m, lines["WDY-002"].PreliminaryScore);
        Assert.Equal(79.5m, lines["WDY-002"].ExpertScore);
        Assert.Equal(3, lines["WDY-002"].PublicVotes);
        Assert.Equal(64.6m, decimal.Round(lines["WDY-005"].PreliminaryScore!.Value, 4));
        Assert.Equal(56m, lines["WDY-001"].PreliminaryScore);
        // 上海电气集团 (WDY-001…005) holds two seats: the two the public carried; the experts' favourite WDY-001 is capped.
        var finalistLines = v.Outcome.Finalists.Lines.ToDictionary(l => l.Candidate.Code);
        Assert.Equal(FinalistStatus.Finalist, finalistLines["WDY-002"].Status);
        Assert.Equal(FinalistStatus.Finalist, finalistLines["WDY-005"].Status);
        Assert.Equal(SkipReason.GroupCap, finalistLines["WDY-001"].Reason);

        // A weight change is the organiser's, shown, and refused outside 0–100.
        Assert.NotNull(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().SetVoteWeightAsync(1, Track.MicroFilm, 120m, "test", default)));
        foreach (var t in v.Outcome.Finalists.Ties.Where(t => !t.Resolved))
            Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ResolveFinalistTieAsync(1, Track.MicroFilm, t.Key, TieResolution.TieBreak, "test", default)));
        // Held votes must be decided before the counts are frozen: a burst of 4 new phones from one /24 for WDY-030.
        await app.SetRulesAsync(Judging.Domain.FilmVoting.VotingRules.Default, new Judging.Domain.FilmVoting.FraudThresholds(WindowSeconds: 60, NewIdentityMinutes: 10, Threshold: 3));
        for (var i = 1; i <= 4; i++)
        {
            using var phone = await app.VoterAsync($"10.77.0.{i}", $"burst-{i}");
            Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"/api/films/{films["WDY-030"]}/votes", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        }
        Assert.StartsWith("还有 4 票网络投票待核验", await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ConfirmFinalistsAsync(1, Track.MicroFilm, "test", default)));
        var cluster = (await WithAsync(sp => sp.GetRequiredService<Judging.App.FilmVoting.VoteReviewService>().ClustersAsync(1, default))).Single(c => c.EntryId == films["WDY-030"]);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<Judging.App.FilmVoting.VoteReviewService>().DecideAsync(1, cluster.Id, false, "同一网段新号集中投票，认定为刷票", "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ConfirmFinalistsAsync(1, Track.MicroFilm, "test", default)));

        // Votes after confirmation move the public count but not the confirmed list: the counts were frozen.
        await VoteAsync(films["WDY-001"], 40);
        v = await ViewAsync();
        Assert.Equal(0, v.Outcome!.Lines.Single(l => l.Code == "WDY-001").PublicVotes);
        Assert.Equal(1, (await app.Writer.PublicCountsAsync(1))[films["WDY-001"]]);

        // The final by the film experts in the live flow.
        var final = v.FinalRound!;
        Assert.Equal(RoundKind.Final, final.Kind);
        var order = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == final.Id).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());
        var panel = await app.WithDbAsync(db => db.Judges.Where(j => j.Track == Track.MicroFilm).ToListAsync());
        Assert.Equal(7, panel.Count);
        var codeOf = films.ToDictionary(kv => kv.Value, kv => kv.Key);
        for (var i = 0; i < order.Count; i++)
        {
            await app.OpenScoringAsync(final.Id, codeOf[order[i]]);
            foreach (var judge in panel)
            {
                decimal?[] points = [28m - i, 22m, 22m, 18m];
                var r = await WithAsync(sp => sp.GetRequiredService<ScoringService>().SubmitAsync(judge.Id, new ScoreSubmission(final.Id, order[i], points, $"ff-{order[i]}-{judge.Id}"), default));
                Assert.NotEqual(SubmitStatus.Failed, r.Status);
            }
        }
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<RoundConsole>().CloseAsync(final.Id, "test", default)));
        v = await ViewAsync();
        foreach (var t in v.Outcome!.Tiers.Ties)
            Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ResolveTierTieAsync(1, Track.MicroFilm, t.Key, TieResolution.TieBreak, "test", default, "按规则决出")));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(1, Track.MicroFilm, "test", default)));
        v = await ViewAsync();
        Assert.Equal(order.Take(3), v.Outcome!.Tiers.Lines.Where(l => l.Tier == Judging.Domain.Awards.AwardTier.First).Select(l => l.Candidate.EntryId));

        // 最佳人气奖: the most accepted votes as frozen (WDY-002); 最具创意奖: designated by the experts with a reason.
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AudienceVoteConsole>().SetModeAsync(1, Track.MicroFilm, "最佳人气奖", AwardMode.PublicVote, "test", default)));
        Assert.NotNull(await WithAsync(sp => sp.GetRequiredService<AudienceVoteConsole>().SetModeAsync(1, Track.MicroFilm, "最具创意奖", AwardMode.LiveVote, "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AudienceVoteConsole>().SetModeAsync(1, Track.MicroFilm, "最具创意奖", AwardMode.Designated, "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AudienceVoteConsole>().DesignateAsync(1, Track.MicroFilm, "最具创意奖", films["WDY-005"], "构思新颖，专家组一致推选", "test", default)));
        var results = await WithAsync(sp => sp.GetRequiredService<AudienceAwardsService>().GetResultsAsync(1, Track.MicroFilm, default));
        var popular = results.Single(r => r.AwardName == "最佳人气奖");
        Assert.True(popular.Decided);
        Assert.Equal(films["WDY-002"], popular.EntryId);
        Assert.Equal("网络投票 3 票", popular.Source?.ToString());
        Assert.Equal(films["WDY-005"], results.Single(r => r.AwardName == "最具创意奖").EntryId);

        // The results CSV carries the blend's parts.
        var csv = await WithAsync(sp => Task.FromResult(sp.GetRequiredService<ResultsExport>().ResultsCsv(v)));
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains("专家评分", text);
        Assert.Contains("网络投票有效票", text);
    }
}
