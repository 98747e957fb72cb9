namespace Judging.Tests.Programmes;

using Judging.App.Awards;
using Judging.App.LiveRounds;
using Judging.App.Programmes;
using Judging.App.Programmes.Import;
using Judging.App.Programmes.Review;
using Judging.App.Programmes.Stages;
using Judging.App.ResultsEngine;
using Judging.App.Reviews;
using Judging.App.Scoring;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Judging.Domain.Reviews;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The programmes' expert review on the competition machinery (issue 16, "Expert review and defence: reuse, do not copy"): the
/// score sheets as data, an edition of 002 opened as a case-track competition of its formally accepted applications, experts
/// with their conflicts avoided by the existing assignment, the online 初评, the 复评 list and live round, the results engine and
/// the adoption of its tiers as proposed levels.
/// </summary>
public sealed class ProgrammeReviewTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Organiser = "组织者 俞琳";
    private const string Gqa = "government-quality-award-2025";
    private const string Tech2024 = "technology-award-2024";

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private Task<T> Review<T>(Func<ProgrammeReviewService, Task<T>> f) => WithAsync(sp => f(sp.GetRequiredService<ProgrammeReviewService>()));

    /// <summary>Passes the formal review (形式审查通过) of the applications <paramref name="references"/> of programme <paramref name="code"/>.</summary>
    private async Task<Dictionary<string, int>> AcceptAsync(string code, params string[] references)
    {
        var ids = await app.WithDbAsync(db => (from a in db.Set<ProgrammeApplication>()
                                               join p in db.Set<Programme>() on a.ProgrammeId equals p.Id
                                               where p.Code == code && references.Contains(a.Reference)
                                               select new { a.Reference, a.Id }).ToDictionaryAsync(x => x.Reference, x => x.Id));
        Assert.Equal(references.Length, ids.Count);
        foreach (var id in ids.Values)
        {
            var done = await WithAsync(sp => sp.GetRequiredService<ProgrammeFormalReview>()
                .AcceptAsync(id, new HashSet<string> { ProgrammeFormalReview.ContentKey }, "纸质材料已现场核对", Organiser, default));
            Assert.Equal(200, done.Status);
        }
        return ids;
    }

    [Fact]
    public void Every_seeded_programme_has_a_first_and_a_re_review_sheet_of_100_points_and_001_shares_the_case_sheet()
    {
        foreach (var dir in Directory.GetDirectories(Path.Combine(Paths.Seeds, "programmes")))
        {
            var read = ProgrammeImport.ReadFolder(dir);
            Assert.True(read.Ok, string.Join("\n", read.Problems));
            var sheets = read.Definition!.ScoreSheets;
            Assert.Equal([RoundKind.FirstReview, RoundKind.ReReview], sheets.Select(s => s.Round).Order());
            Assert.All(sheets, s => Assert.Equal(100m, s.Criteria.Sum(c => c.MaxPoints)));
        }
        var benchmark = ProgrammeImport.ReadFolder(Path.Combine(Paths.Seeds, "programmes", "quality-benchmark-2021")).Definition!;
        var caseSheet = File.ReadAllLines(Path.Combine(Paths.Seeds, "score_sheets.csv")).Where(l => l.StartsWith("创新案例初审评分表", StringComparison.Ordinal))
            .Select(l => l.Split(',')).Select(f => (f[4], decimal.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(caseSheet, benchmark.ScoreSheets[0].Criteria.Select(c => (c.Name, c.MaxPoints)));
    }

    [Theory]
    [InlineData(AwardTier.First, "一等奖")]
    [InlineData(AwardTier.Second, "二等奖")]
    [InlineData(AwardTier.Third, "优秀奖")]
    [InlineData(null, null)]
    public void A_tier_maps_to_the_category_level_of_its_rank(AwardTier? tier, string? level)
    {
        Assert.Equal(level, ProgrammeReviewService.LevelOf(tier, ["一等奖", "二等奖", "优秀奖"]));
        Assert.Null(ProgrammeReviewService.LevelOf(AwardTier.Second, ["上海市质量金奖"]));
    }

    [Fact]
    public async Task Nothing_to_review_and_unknown_programmes_are_refused()
    {
        Assert.Equal(404, (await Review(s => s.OpenAsync("no-such-programme", null, Organiser, default))).Status);
        var none = await Review(s => s.OpenAsync("quality-benchmark-2021", null, Organiser, default));
        Assert.Equal(409, none.Status);
        Assert.Equal("没有通过形式审查的申报，无需评审", none.Problems.Single().ToString());
    }

    [Fact]
    public async Task The_2024_nominator_an_expert_belongs_to_is_avoided_by_the_assignment()
    {
        var ids = await AcceptAsync(Tech2024, "N01", "N02");
        var opened = await Review(s => s.OpenAsync(Tech2024, "invention", Organiser, default));
        Assert.True(opened.Ok, string.Join("\n", opened.Problems));
        // N01 (invention) is nominated by 上海市申江区经济委员会; N02 is 质量技术进步奖 (progress): not in this edition.
        Assert.Equal(1, opened.Count);
        var cid = await app.WithDbAsync(db => db.Set<ProgrammeReviewEdition>().Where(e => e.Id == opened.Id).Select(e => e.CompetitionId).SingleAsync());
        Assert.Equal("提名单位", await app.WithDbAsync(db => db.Recommenders.Where(r => r.CompetitionId == cid && r.Name == "上海市申江区经济委员会").Select(r => r.Kind).SingleAsync()));
        var experts = "姓名,工作单位,推荐单位\n蒋文,上海市申江区经济委员会,上海市申江区经济委员会\n钱默,同济大学,\n";
        Assert.True((await Review(s => s.ImportExpertsAsync(opened.Id, experts, Organiser, default))).Ok);
        var round = await app.WithDbAsync(db => db.Rounds.SingleAsync(r => r.CompetitionId == cid));
        var (plan, error) = await WithAsync(sp => sp.GetRequiredService<ReviewService>().GenerateAsync(round.Id, 2, Organiser, default));
        Assert.Null(error);
        var jiang = await app.WithDbAsync(db => db.Judges.Where(j => j.CompetitionId == cid && j.Name == "蒋文").Select(j => j.Id).SingleAsync());
        // k = 2 but only one expert may have N01: 钱默; the nominator's 蒋文 is left out.
        var pair = Assert.Single(plan!.All);
        Assert.NotEqual(jiang, pair.JudgeId);
        Assert.Equal(ids["N01"], await app.WithDbAsync(db => db.Set<ProgrammeReviewEntry>().Where(m => m.EntryId == pair.EntryId).Select(m => m.ApplicationId).SingleAsync()));
    }

    [Fact]
    public async Task An_edition_of_002_is_reviewed_online_heard_live_and_its_tiers_become_proposed_levels()
    {
        string[] refs = ["G01", "G02", "G05", "G09", "G12", "P01", "P03", "P06"];
        var apps = await AcceptAsync(Gqa, refs);

        // Opening: one entry per accepted application, the programme's sheets (100 points each), the online 初评 round.
        var opened = await Review(s => s.OpenAsync(Gqa, null, Organiser, default));
        Assert.True(opened.Ok, string.Join("\n", opened.Problems));
        Assert.Equal(refs.Length, opened.Count);
        var cid = await app.WithDbAsync(db => db.Set<ProgrammeReviewEdition>().Where(e => e.Id == opened.Id).Select(e => e.CompetitionId).SingleAsync());
        Assert.Equal("2025—2026年上海市政府质量奖 · 评审", await app.WithDbAsync(db => db.Competitions.Where(c => c.Id == cid).Select(c => c.Name).SingleAsync()));
        var entries = await app.WithDbAsync(db => db.Entries.Where(e => e.CompetitionId == cid).OrderBy(e => e.Code).ToListAsync());
        Assert.Equal(refs, entries.Select(e => e.Code));
        Assert.All(entries, e => Assert.Equal(Track.InnovationCase, e.Track));
        Assert.Equal("陈思远", entries.Single(e => e.Code == "P01").Presenter);
        var members = await app.WithDbAsync(db => db.Set<ProgrammeReviewEntry>().Where(m => m.EditionId == opened.Id).ToListAsync());
        Assert.Equal(apps.Values.Order(), members.Select(m => m.ApplicationId).Order());
        var sheets = await app.WithDbAsync(db => db.ScoreSheets.Include(s => s.Criteria).Where(s => s.CompetitionId == cid).ToListAsync());
        Assert.Equal([RoundKind.FirstReview, RoundKind.ReReview], sheets.Select(s => s.RoundKind).Order());
        Assert.All(sheets, s => Assert.Equal(100m, s.Criteria.Sum(c => c.MaxPoints)));
        Assert.Equal("质量管理水平", sheets.Single(s => s.RoundKind == RoundKind.FirstReview).Criteria.OrderBy(c => c.Order).First().Name);
        var round = await app.WithDbAsync(db => db.Rounds.SingleAsync(r => r.CompetitionId == cid));
        Assert.True(round.Online);
        Assert.Equal(RoundKind.FirstReview, round.Kind);
        Assert.Equal(refs.Length, await app.WithDbAsync(db => db.RoundEntries.CountAsync(x => x.RoundId == round.Id)));
        // The person P01 works at G01's organisation: both in its group, so its experts avoid both.
        var units = await app.WithDbAsync(db => db.Units.Where(u => u.CompetitionId == cid).ToDictionaryAsync(u => u.Name));
        Assert.NotNull(units["上海申蓝精密机械有限公司 · 陈思远"].GroupId);
        Assert.Equal(units["上海申蓝精密机械有限公司 · 陈思远"].GroupId, units["上海申蓝精密机械有限公司"].GroupId);
        Assert.Equal(409, (await Review(s => s.OpenAsync(Gqa, null, Organiser, default))).Status);
        Assert.Equal(409, (await Review(s => s.OpenAsync(Gqa, "gold-model", Organiser, default))).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "开设专家评审" && a.Subject.Contains(Gqa))));

        // Experts: one of G01's organisation, one of 华漕's group (G05, P03), one who declares P06 孙丽华 a co-worker, four others.
        var bad = await Review(s => s.ImportExpertsAsync(opened.Id, "姓名,工作单位,回避申报人\n甲,上海申蓝精密机械有限公司,孙丽华\n乙,复旦大学,查无此人\n", Organiser, default));
        Assert.Equal(400, bad.Status);
        Assert.Equal(2, bad.Problems.Count);
        Assert.Contains("每位专家只能登记一个回避单位", bad.Problems[0].ToString());
        Assert.Equal("专家名单 第3行：回避申报人“查无此人”不是本次评审的个人申报者", bad.Problems[1].ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Judges.CountAsync(j => j.CompetitionId == cid)));
        var csv = "姓名,工作单位,所属集团,回避申报人\n"
            + "李申,上海申蓝精密机械有限公司,,\n"
            + "吴华,上海华漕智能研究院有限公司,上海华漕重型机械集团有限公司,\n"
            + "郑同,同济大学,,孙丽华\n"
            + "冯复,复旦大学,,\n王交,上海交通大学,,\n陈华,华东理工大学,,\n何大,上海大学,,\n";
        var imported = await Review(s => s.ImportExpertsAsync(opened.Id, csv, Organiser, default));
        Assert.True(imported.Ok, string.Join("\n", imported.Problems));
        Assert.Equal(7, imported.Count);
        var experts = await Review(s => s.ExpertsAsync(cid, default));
        Assert.Equal("上海申蓝精密机械有限公司", experts.Single(x => x.Name == "李申").ConflictUnit);
        Assert.Equal("上海华漕重型机械集团有限公司", experts.Single(x => x.Name == "吴华").ConflictGroup);
        Assert.Equal("上海奉浦电器有限公司 · 孙丽华", experts.Single(x => x.Name == "郑同").ConflictUnit);
        Assert.All(experts, x => Assert.Equal(8, x.AccessCode.Length));

        // The existing assignment: 3 experts a case, none given an entry of their own organisation, group or declared co-worker.
        var (plan, error) = await WithAsync(sp => sp.GetRequiredService<ReviewService>().GenerateAsync(round.Id, 3, Organiser, default));
        Assert.Null(error);
        Assert.Equal(refs.Length * 3, plan!.All.Count);
        var judges = await app.WithDbAsync(db => db.Judges.Where(j => j.CompetitionId == cid).ToDictionaryAsync(j => j.Name, j => j.Id));
        var entryIds = entries.ToDictionary(e => e.Code, e => e.Id);
        var avoided = new (string Expert, string Entry)[] { ("李申", "G01"), ("李申", "P01"), ("吴华", "G05"), ("吴华", "P03"), ("郑同", "P06"), ("郑同", "G09") };
        foreach (var (expert, entry) in avoided)
            Assert.DoesNotContain(new AssignmentPair(entryIds[entry], judges[expert]), plan.All);
        Assert.All(new[] { "李申", "吴华", "郑同" }, name => Assert.Contains(plan.All, p => p.JudgeId == judges[name]));
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(round.Id, true, Organiser, default)));

        // 初评 online through the existing review service: entry i (reference order) totals 100 − i.
        var index = refs.Select((r, i) => (r, i)).ToDictionary(x => entryIds[x.r], x => x.i);
        foreach (var pair in plan.All)
        {
            decimal?[] points = [30m - index[pair.EntryId], 25m, 20m, 15m, 10m];
            var stored = await WithAsync(sp => sp.GetRequiredService<ReviewService>().SubmitAsync(pair.JudgeId, round.Id, pair.EntryId, points, ["管理体系健全", "", "", "", ""], default));
            Assert.Equal(SubmitStatus.Stored, stored.Status);
        }
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<ReviewService>().SetRunningAsync(round.Id, false, Organiser, default)));

        // The 复评 list (finalists) through the results engine: the best 4; confirming creates the live 复评 round.
        var results = (Func<IServiceProvider, TrackResultsService>)(sp => sp.GetRequiredService<TrackResultsService>());
        Assert.Null(await WithAsync(sp => results(sp).SetFinalistRulesAsync(cid, Track.InnovationCase,
            new FinalistRules { Overall = 4, UnitCap = 1, GroupCap = 2, Normalisation = NormalisationMode.None }, Organiser, default)));
        Assert.Null(await WithAsync(sp => results(sp).ConfirmFinalistsAsync(cid, Track.InnovationCase, Organiser, default)));
        var view = (await WithAsync(sp => results(sp).LoadAsync(cid, Track.InnovationCase, default)))!;
        Assert.Equal(["G01", "G02", "G05", "G09"], view.Outcome!.Finalists.FinalistIds.Select(id => view.Entries[id].Code).Order());
        var reReview = view.FinalRound!;
        Assert.Equal(RoundKind.ReReview, reReview.Kind);
        Assert.False(reReview.Online);
        // Both rounds are named by the programme (Round.ProgrammeName), not the contest's track.
        Assert.Equal("2025—2026年上海市政府质量奖", reReview.ProgrammeName);
        Assert.Equal("2025—2026年上海市政府质量奖", round.ProgrammeName);

        // 复评 live (会审答辩): the panel scores each finalist on stage; conflicted experts are refused by the scoring service.
        var order = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == reReview.Id).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());
        var refused = 0;
        foreach (var entryId in order)
        {
            await WithAsync(async sp =>
            {
                var console = sp.GetRequiredService<RoundConsole>();
                var r = await sp.GetRequiredService<Judging.App.Persistence.JudgingDb>().Rounds.AsNoTracking().SingleAsync(x => x.Id == reReview.Id);
                if (r.Status == RoundStatus.NotStarted) Assert.Null(await console.StartAsync(reReview.Id, Organiser, default));
                Assert.Null(await console.SetOnStageAsync(reReview.Id, entryId, Organiser, default));
                Assert.Null(await console.SetScoringOpenAsync(reReview.Id, true, Organiser, default));
                return 0;
            });
            foreach (var judge in judges.Values)
            {
                // The 复评 reverses the 初评: the later the reference, the higher.
                decimal?[] points = [22m + index[entryId], 25m, 20m, 15m, 10m];
                var r = await WithAsync(sp => sp.GetRequiredService<ScoringService>().SubmitAsync(judge, new ScoreSubmission(reReview.Id, entryId, points, $"pr-{entryId}-{judge}"), default));
                if (r.Status == SubmitStatus.Refused) refused++;
                else Assert.Equal(SubmitStatus.Stored, r.Status);
            }
        }
        Assert.Equal(3, refused); // 李申 on G01, 吴华 on G05, 郑同 on G09
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<RoundConsole>().CloseAsync(reReview.Id, Organiser, default)));

        // Adopting before the awards are confirmed is refused; after, tiers become levels of each application's category.
        Assert.Equal(409, (await Review(s => s.AdoptResultsAsync(Gqa, Organiser, default))).Status);
        Assert.Null(await WithAsync(sp => sp.GetRequiredService<AwardsService>().ConfirmAwardsAsync(cid, Track.InnovationCase, Organiser, default)));
        view = (await WithAsync(sp => results(sp).LoadAsync(cid, Track.InnovationCase, default)))!;
        Assert.Equal(["G09", "G05", "G02"], view.Outcome!.Tiers.Lines.Where(l => l.Tier == AwardTier.First).Select(l => l.Candidate.Code));
        var adopted = await Review(s => s.AdoptResultsAsync(Gqa, Organiser, default));
        Assert.True(adopted.Ok);
        Assert.Equal(refs.Length, adopted.Count);
        var programmeId = await app.WithDbAsync(db => db.Set<Programme>().Where(p => p.Code == Gqa).Select(p => p.Id).SingleAsync());
        var standings = (await WithAsync(sp => sp.GetRequiredService<ProgrammeStandings>().LoadAsync(programmeId, default))).ToDictionary(s => s.Reference);
        Assert.Equal("上海市质量金奖", standings["G09"].ProposedLevel);
        Assert.Equal("上海市市长质量奖", standings["G05"].ProposedLevel);
        Assert.Equal("上海市质量金奖", standings["G02"].ProposedLevel);
        foreach (var r in new[] { "G01", "G12", "P01", "P03", "P06" })
        {
            Assert.Null(standings[r].ProposedLevel);
            Assert.Equal(ProgrammeStandings.ReviewSource, standings[r].Proposal!.Source);
            Assert.True(standings[r].Proposal!.Withdrawn);
        }
        Assert.Contains(view.Settings.AwardsSha256!, standings["G09"].Proposal!.Reason);
        Assert.Equal(0, (await Review(s => s.AdoptResultsAsync(Gqa, Organiser, default))).Count);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "采纳评审结果")));
        var listed = (await Review(s => s.ListAsync(Gqa, default)))!.Value.Editions.Single();
        Assert.Equal((refs.Length, 7, round.Id, reReview.Id, true, refs.Length), (listed.Entries, listed.Experts, listed.FirstReviewRoundId, listed.ReReviewRoundId, listed.AwardsConfirmed, listed.Adopted));
    }
}
