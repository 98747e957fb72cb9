namespace Judging.Tests.Endpoints;

using Xunit.Abstractions;

using Judging.App.ResultsEngine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.Awards;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.App.Scoring;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 3 end to end on the seeded 2025 preliminaries (docs/import-formats.md, "What the seeds show"): the proposal
/// with its cap remarks and the 嘉定 tie, one override with a reason, confirmation creating the final, the final
/// scored by the final panel, tiers, publication, the JSON and the audit packet.
/// </summary>
public sealed class FinalsFlowTests : IClassFixture<FullSeedsTestApp>
{
    private readonly FullSeedsTestApp app;
    private readonly ITestOutputHelper output;
    public FinalsFlowTests(FullSeedsTestApp app, ITestOutputHelper output) => (this.app, this.output) = (app, output);

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private Task<TrackResultsView> ViewAsync() => WithAsync(async sp => (await sp.GetRequiredService<TrackResultsService>().LoadAsync(1, Track.Speech, default))!);

    private static Dictionary<string, FinalistLine> ByCode(TrackResultsView v) => v.Outcome!.Finalists.Lines.ToDictionary(l => l.Candidate.Code);

    [Fact]
    public async Task From_the_seeded_preliminaries_to_published_awards()
    {
        // The proposal: 3 per division, unit and group caps, the 嘉定 tie at the cut left to the organiser.
        var v = await ViewAsync();
        Assert.True(v.PreliminariesClosed);
        var lines = ByCode(v);
        Assert.Equal(SkipReason.UnitCap, lines["YJ-010"].Reason);
        Assert.Contains("YJ-008", lines["YJ-010"].Remark?.ToString());
        Assert.Equal(SkipReason.GroupCap, lines["YJ-004"].Reason);
        Assert.Contains("YJ-006", lines["YJ-004"].Remark?.ToString());
        Assert.Contains("YJ-007", lines["YJ-004"].Remark?.ToString());
        var tie = Assert.Single(v.Outcome!.Finalists.Ties);
        Assert.False(tie.Resolved);
        Assert.Equal("嘉定赛区", tie.Name?.ToString());
        Assert.False(v.Outcome.Finalists.CanConfirm);
        Assert.Equal("还有同分待决定，请先处理", await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ConfirmFinalistsAsync(1, Track.Speech, "test", default)));

        // Before confirmation the finalist list is the organiser's.
        using var anonymous = app.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/competitions/1/finalists?track=Speech")).StatusCode);

        // The organiser applies the tie-break (median), and admits YJ-004 beyond the group cap with a reason.
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ResolveFinalistTieAsync(1, Track.Speech, tie.Key, TieResolution.TieBreak, "test", default)));
        var yj004 = await app.EntryIdAsync("YJ-004");
        Assert.Equal("调整入围名单须填写理由", await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().SetOverrideAsync(1, Track.Speech, yj004, OverrideKind.Admit, " ", "test", default)));
        const string reason = "风电板块代表新能源产业领域，经组委会会议同意破格入围";
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().SetOverrideAsync(1, Track.Speech, yj004, OverrideKind.Admit, reason, "test", default)));
        v = await ViewAsync();
        lines = ByCode(v);
        Assert.Equal(FinalistStatus.Finalist, lines["YJ-033"].Status);
        Assert.Equal(FinalistStatus.Reserve, lines["YJ-028"].Status);
        Assert.Contains("中位数", lines["YJ-028"].Remark?.ToString());
        Assert.Equal(FinalistStatus.Finalist, lines["YJ-004"].Status);
        Assert.Equal(reason, lines["YJ-004"].OverrideReason);
        Assert.Equal(FinalistStatus.Reserve, lines["YJ-021"].Status); // displaced from 徐汇's third seat
        Assert.True(v.Outcome!.Finalists.CanConfirm);
        Assert.Equal(12, v.Outcome.Finalists.FinalistIds.Count);

        // Confirmation creates the final with the 12 finalists in a drawn order.
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().ConfirmFinalistsAsync(1, Track.Speech, "test", default)));
        v = await ViewAsync();
        var final = v.FinalRound!;
        Assert.Equal(RoundKind.Final, final.Kind);
        Assert.Null(final.DivisionId);
        Assert.True(final.HideScores); // the final's projector shows progress only until the reveal
        var order = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == final.Id).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());
        Assert.Equal(v.Outcome!.Finalists.FinalistIds.Order(), order.Order());
        Assert.Equal("入围名单已确认，不能再修改", await WithAsync(sp => sp.GetRequiredService<TrackResultsService>().SetOverrideAsync(1, Track.Speech, yj004, null, null, "test", default)));

        // Now public, with the override's reason.
        var api = JsonDocument.Parse(await anonymous.GetStringAsync("/api/competitions/1/finalists?track=Speech")).RootElement.GetProperty("rows");
        var row = api.EnumerateArray().Single(e => e.GetProperty("entryId").GetInt32() == yj004);
        Assert.Equal("Finalist", row.GetProperty("status").GetString());
        Assert.Equal(reason, row.GetProperty("overrideReason").GetString());
        Assert.Equal("Skipped", api.EnumerateArray().Single(e => e.GetProperty("title").GetString()!.Length > 0 && e.GetProperty("entryId").GetInt32() == lines["YJ-010"].Candidate.EntryId).GetProperty("status").GetString());

        // The final panel (PW-29..37; PW-33 avoids 上海电气's units) scores each finalist; totals fall with the draw.
        var judges = await app.WithDbAsync(db => db.Judges.Where(j => j.Track == Judging.Domain.Competitions.Track.Speech && j.DivisionId == null).OrderBy(j => j.Code).ToListAsync());
        Assert.Equal(9, judges.Count);
        var codes = await app.WithDbAsync(db => db.Entries.Where(e => order.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Code));
        for (var i = 0; i < order.Count; i++)
        {
            await app.OpenScoringAsync(final.Id, codes[order[i]]);
            foreach (var (judge, j) in judges.Select((x, j) => (x, j)))
            {
                // 32.5/25/12.5/20/10 sheet: entry i loses 1 point per place; judges differ by half a point.
                decimal?[] points = [30m - i, 23m, 11m, 18m, 9m - 0.5m * (j % 3)];
                var result = await WithAsync(sp => sp.GetRequiredService<ScoringService>().SubmitAsync(judge.Id,
                    new ScoreSubmission(final.Id, order[i], points, $"flow-{final.Id}-{order[i]}-{judge.Id}"), default));
                if (judge.Code == "PW-33" && (codes[order[i]] is "YJ-004" or "YJ-006" or "YJ-007"))
                    Assert.Equal(SubmitStatus.Refused, result.Status);
                else
                    Assert.Equal(SubmitStatus.Stored, result.Status);
            }
        }
        Assert.Equal("决赛尚未结束", await WithAsync(sp => sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(1, Track.Speech, "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<RoundConsole>().CloseAsync(final.Id, "test", default)));

        // Tiers (seed 000: the final decides 一等奖 and 二等奖): 3 一等奖, the other 9 finalists 二等奖, then 15 % of 60 = 9
        // 三等奖 from the entries that did not reach the final, by preliminary score.
        v = await ViewAsync();
        Assert.Equal([3, 9, 9], v.Outcome!.Tiers.Counts.Select(c => c.Count));
        var firsts = v.Outcome.Tiers.Lines.Where(l => l.Tier == AwardTier.First).Select(l => l.Candidate.EntryId).ToList();
        Assert.Equal(order.Take(3), firsts);
        var thirds = v.Outcome.Tiers.Lines.Where(l => l.Tier == AwardTier.Third).ToList();
        Assert.Equal(9, thirds.Count);
        Assert.All(thirds, l => Assert.Equal(1, l.Candidate.Stage));
        Assert.Equal(order.Skip(3), v.Outcome.Tiers.Lines.Where(l => l.Tier == AwardTier.Second).Select(l => l.Candidate.EntryId));
        Assert.Equal(60 - 21, v.Outcome.Lines.Count(l => l.Award == AwardNames.Participation));
        foreach (var t in v.Outcome.Tiers.Ties)
            Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ResolveTierTieAsync(1, Track.Speech, t.Key, TieResolution.TieBreak, "test", default, "按规则决出")));

        var before = await ViewAsync();
        Assert.Equal("评定结果已被其他人修改，请核对刷新后的结果再确认",
            await WithAsync(sp => sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(1, Track.Speech, "test", default, shown: "stale")));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(1, Track.Speech, "test", default,
            shown: TrackResultsService.AwardsFingerprint(before.Outcome!))));
        var confirmed = await ViewAsync();
        var storedPacket = AuditPacket.Parse(confirmed.Settings.AwardsPacket!);
        Assert.Equal(AuditPacket.Create(before.Input, before.Outcome!, confirmed.Tally, storedPacket.Panels).Sha256, confirmed.Settings.AwardsSha256);
        // The judge reports of both panels are kept in the packet (issue 14, §1): the final's 9 judges, each with 12 or 9 cards.
        var finalPanel = Assert.Single(storedPacket.Panels!, p => p.Stage == "Final");
        Assert.Equal(9, finalPanel.Judges.Count);
        Assert.All(finalPanel.Judges, j => Assert.True(j.Cards is 12 or 9 && j.RankCorrelation is not null));
        Assert.Contains(storedPacket.Panels!, p => p.Stage == "Preliminary" && p.Judges.Count > 9);
        Assert.NotNull(confirmed.Tally); // the packet pins the verifiable tally (issue 14, §2)
        Assert.True(AuditPacket.Verify(confirmed.Settings.AwardsPacket!).Verified);

        // A double click on "reveal next" reveals one award: the second click carries the step it saw.
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().MoveRevealAsync(1, Track.Speech, 1, "test", default, seenStep: 0)));
        Assert.Equal("大屏已在第 1 个，请勿重复点击", await WithAsync(sp => sp.GetRequiredService<AwardsService>().MoveRevealAsync(1, Track.Speech, 1, "test", default, seenStep: 0)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().MoveRevealAsync(1, Track.Speech, 0, "test", default, seenStep: 1)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/competitions/1/awards?track=Speech")).StatusCode);
        // 最具风采奖 designated by the judges appears among the awards.
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<Judging.App.VenueVoting.AudienceVoteConsole>().SetModeAsync(1, Track.Speech, "最具风采奖", Judging.Domain.VenueVoting.AwardMode.Designated, "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<Judging.App.VenueVoting.AudienceVoteConsole>().DesignateAsync(1, Track.Speech, "最具风采奖", order[1], "评委会合议推选", "test", default)));
        // Publishing before the reveal has finished needs a second, explicit word.
        Assert.StartsWith("颁奖揭晓尚未完成（0/21）", await WithAsync(sp => sp.GetRequiredService<AwardsService>().SetPublishedAsync(1, Track.Speech, true, "test", default)));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().SetPublishedAsync(1, Track.Speech, true, "test", default, early: true)));
        var awards = (await anonymous.GetFromJsonAsync<ResultsEndpoints.AwardListDto>("/api/competitions/1/awards?track=Speech"))?.Rows;
        Assert.Contains(awards!, a => a.Award == "最具风采奖" && a.EntryId == order[1]);
        Assert.StartsWith("结果已发布，观摩奖项不能再修改", await WithAsync(sp => sp.GetRequiredService<Judging.App.VenueVoting.AudienceVoteConsole>()
            .DesignateAsync(1, Track.Speech, "最具风采奖", order[2], "改主意了", "test", default)));
        Assert.NotNull(awards);
        Assert.Equal(3, awards.Count(a => a.Award == "一等奖"));
        Assert.Equal(60, awards.Count(a => a.Award is "一等奖" or "二等奖" or "三等奖" or "参赛成果证书"));

        // Reveal: 三等奖 first, the best finalist last.
        v = await ViewAsync();
        var reveal = AwardsService.RevealOrder(v);
        Assert.Equal(21, reveal.Count);
        Assert.Equal("三等奖", reveal[0].Award);
        Assert.Equal(order[0], reveal[^1].EntryId);

        // The verifiable tally (issue 14, §2) of the seeds' finished competition: the public results page prints the head pinned at
        // confirmation; the public export, checked by the independent verifier (tools/verify-tally), reaches that head at that
        // length and recomputes the trimmed mean of every entry of every round exactly as the app does.
        var pinned = confirmed.Tally!;
        // One link per card stored (the imported preliminaries' and the final's 105) and per unlock; this flow has no vote.
        var stored = await app.WithDbAsync(async db => await db.ScoreRecords.CountAsync(c => db.Rounds.Any(r => r.Id == c.RoundId && r.CompetitionId == 1))
            + await db.ScoreUnlocks.CountAsync());
        Assert.True(stored > 105);
        Assert.Equal(stored, pinned.Length);
        var resultsPage = await anonymous.GetStringAsync("/results/1");
        Assert.Contains(pinned.Hash, resultsPage);
        var exportBytes = await anonymous.GetByteArrayAsync("/results/1/tally.json");
        var export = Path.Combine(Path.GetTempPath(), $"tally-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(export, exportBytes);
        var printed = new StringWriter();
        Assert.Equal(0, VerifyTally.TallyVerifier.Run([export, "--head", pinned.Hash, "--length", pinned.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)], printed));
        File.Delete(export);
        output.WriteLine(printed.ToString());
        var check = VerifyTally.TallyVerifier.Check(new MemoryStream(exportBytes), pinned.Hash, pinned.Length);
        Assert.True(check.Intact, string.Join("; ", check.Problems));
        Assert.True(check.HeadMatches);
        var liveHead = await app.WithDbAsync(db => Judging.App.Tally.TallyLedger.HeadAsync(db, 1, default));
        Assert.Equal((liveHead.Length, liveHead.Hash), (check.Length, check.Head));
        var trimming = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Judging.Domain.Scoring.ScoringOptions>>().Value;
        var cards = await app.WithDbAsync(db => db.EffectiveScoreRecords().Join(db.Rounds.Where(r => r.CompetitionId == 1), c => c.RoundId, r => r.Id, (c, r) => c).ToListAsync());
        var appMeans = cards.GroupBy(c => (c.RoundId, c.EntryId)).ToDictionary(g => g.Key, g => Judging.Domain.Scoring.Aggregation.TrimmedMean(g.Select(c => c.Total).ToList(), trimming)!.Value);
        Assert.Equal(appMeans.Count, check.TrimmedMeans.Count);
        foreach (var (key, mean) in appMeans) Assert.Equal(mean, check.TrimmedMeans[key].Mean);
        Assert.Contains(Judging.Domain.Scoring.Aggregation.Display(appMeans[(final.Id, order[0])]), printed.ToString());
        Assert.Contains(pinned.Hash, printed.ToString());

        // The audit packet recomputes to the same results; a changed point breaks its hash.
        var packet = AuditPacket.Create(v.Input, v.Outcome!);
        var json = packet.ToJson();
        Assert.True(AuditPacket.Verify(json).Verified);
        var tampered = AuditPacket.Verify(json.Replace("\"points\": [\n          30,", "\"points\": [\n          31,"));
        Assert.NotEqual(json, json.Replace("\"points\": [\n          30,", "\"points\": [\n          31,"));
        Assert.False(tampered.HashMatches);

        // The stored packet is the confirmed truth: edited in the database, the pages refuse to show it as confirmed.
        await app.WithDbAsync(async db =>
        {
            var settings = await db.Set<TrackSettings>().SingleAsync(x => x.CompetitionId == 1 && x.Track == Track.Speech);
            settings.AwardsPacket = settings.AwardsPacket!.Replace("\"points\": [\n          30,", "\"points\": [\n          31,");
            return await db.SaveChangesAsync();
        });
        Assert.Contains("审计包核验失败", (await ViewAsync()).Error);
    }
}
