namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.Calibration;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Calibration before a live round (issue 14, §1, first bullet): the organiser's samples, the judges' trial cards that never
/// count, and the chief judge's spread and offsets. Each test uses its own division's preliminary (not started in the seeds).
/// </summary>
public sealed class CalibrationTests : IClassFixture<TestApp>
{
    private readonly TestApp app;
    public CalibrationTests(TestApp app) => this.app = app;

    private const string Organiser = "组织者 测试";

    private Task<int> RoundOfAsync(string division) => app.WithDbAsync(db =>
        (from r in db.Rounds join d in db.Divisions on r.DivisionId equals d.Id where d.Name == division select r.Id).SingleAsync());

    private Task<int> JudgeIdAsync(string code) => app.WithDbAsync(db => db.Judges.Where(j => j.Code == code).Select(j => j.Id).SingleAsync());

    private async Task<T> WithServiceAsync<T>(Func<CalibrationService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<CalibrationService>());
    }

    private async Task<int> AddAsync(int roundId, string title)
    {
        Assert.Null(await WithServiceAsync(s => s.AddSampleAsync(roundId, title, "一位选手讲述车间质量改进的故事", null, Organiser, default)));
        return await app.WithDbAsync(db => db.Set<CalibrationSample>().Where(s => s.RoundId == roundId && s.Title == title).Select(s => s.Id).SingleAsync());
    }

    private Task<SubmitResult> TrialAsync(string judge, int sampleId, params decimal?[] points) =>
        TrialKeyAsync(judge, sampleId, Guid.NewGuid().ToString("N"), points);

    private async Task<SubmitResult> TrialKeyAsync(string judge, int sampleId, string key, params decimal?[] points)
    {
        var id = await JudgeIdAsync(judge);
        return await WithServiceAsync(s => s.SubmitTrialAsync(id, sampleId, points, key, default));
    }

    [Fact]
    public async Task Samples_are_added_only_to_a_live_round_not_started_at_most_two_and_audited()
    {
        var round = await RoundOfAsync("嘉定赛区");
        // The test seeds carry no videos: one film entry gets a video row (the file itself plays no part here); another has none.
        var (film, noVideo) = await app.WithDbAsync(async db =>
        {
            var films = await db.Entries.Where(e => e.Track == Track.MicroFilm).OrderBy(e => e.Code).Select(e => e.Id).Take(2).ToListAsync();
            db.Add(new Judging.App.Films.FilmAsset { EntryId = films[0], StoredFileName = "calibration.mp4", ContentType = "video/mp4", UploadedBy = "test" });
            await db.SaveChangesAsync();
            return (films[0], films[1]);
        });
        var speech = await app.WithDbAsync(db => db.Entries.Where(e => e.Track == Track.Speech).Select(e => e.Id).FirstAsync());
        var online = await app.WithDbAsync(db => db.Rounds.Where(r => r.Online).Select(r => r.Id).FirstAsync());

        Assert.Contains("影片库", await WithServiceAsync(s => s.AddSampleAsync(round, "样例", "", speech, Organiser, default)));
        Assert.Contains("影片库", await WithServiceAsync(s => s.AddSampleAsync(round, "样例", "", noVideo, Organiser, default)));
        Assert.Contains("请填写样例名称", await WithServiceAsync(s => s.AddSampleAsync(round, "  ", "说明", null, Organiser, default)));
        Assert.Contains("说明或选择", await WithServiceAsync(s => s.AddSampleAsync(round, "无说明", "", null, Organiser, default)));
        Assert.Contains("线上评审", await WithServiceAsync(s => s.AddSampleAsync(online, "样例", "说明", null, Organiser, default)));

        Assert.Null(await WithServiceAsync(s => s.AddSampleAsync(round, "参考影片", "", film, Organiser, default)));
        var second = await AddAsync(round, "描述样例");
        Assert.Contains("最多 2 个", await WithServiceAsync(s => s.AddSampleAsync(round, "第三个", "说明", null, Organiser, default)));

        var view = (await WithServiceAsync(s => s.LoadSamplesAsync(round, default)))!;
        Assert.True(view.Editable);
        // The film sample took position 1, the described one position 2.
        Assert.Equal([(1, "参考影片", (int?)film), (2, "描述样例", null)], view.Samples.Select(s => (s.Position, s.Title, s.FilmEntryId)));
        Assert.Contains(view.Films, f => f.EntryId == film);
        Assert.DoesNotContain(view.Films, f => f.EntryId == speech || f.EntryId == noVideo);

        // Removing frees position 2 for another sample; both changes are in the audit log.
        Assert.Null(await WithServiceAsync(s => s.RemoveSampleAsync(second, Organiser, default)));
        var again = await AddAsync(round, "新描述样例");
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<CalibrationSample>().Where(s => s.Id == again).Select(s => s.Position).SingleAsync()));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject.StartsWith($"轮次 {round} 试评样例")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["添加试评样例", "添加试评样例", "删除试评样例", "添加试评样例"], audit);

        // Once the round starts, samples neither come nor go, and trial cards are refused.
        using (var scope = app.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RoundConsole>().StartAsync(round, "test", default));
        Assert.Contains("比赛已开始", await WithServiceAsync(s => s.AddSampleAsync(round, "迟到的样例", "说明", null, Organiser, default)));
        Assert.Contains("比赛已开始", await WithServiceAsync(s => s.RemoveSampleAsync(again, Organiser, default)));
        Assert.False((await WithServiceAsync(s => s.LoadSamplesAsync(round, default)))!.Editable);
        var late = await TrialAsync("PW-16", again, 24m, 20m, 12m, 16m, 8m);
        Assert.Equal(SubmitStatus.Refused, late.Status);
        Assert.Contains("试评已结束", late.Message);
    }

    [Fact]
    public async Task A_trial_card_is_validated_like_a_real_card_and_stored_once_for_the_panel_only()
    {
        var round = await RoundOfAsync("闵行赛区");
        var sample = await AddAsync(round, "闵行样例");

        var stranger = await TrialAsync("PW-02", sample, 24m, 20m, 12m, 16m, 8m);   // 浦东赛区's judge
        Assert.Equal(SubmitStatus.Refused, stranger.Status);
        Assert.Contains("不是本轮次", stranger.Message);
        Assert.Contains("超出范围", (await TrialAsync("PW-09", sample, 31m, 20m, 12m, 16m, 8m)).Message);     // 主题内容 max 30
        Assert.Contains("整数倍", (await TrialAsync("PW-09", sample, 20.25m, 20m, 12m, 16m, 8m)).Message);   // step 0.5
        Assert.Contains("数量不符", (await TrialAsync("PW-09", sample, 24m, 20m, 12m, 16m)).Message);        // 4 of 5 criteria
        Assert.Contains("尚未打分", (await TrialAsync("PW-09", sample, 24m, null, 12m, 16m, 8m)).Message);
        Assert.Contains("提交标识", (await TrialKeyAsync("PW-09", sample, "short", 24m, 20m, 12m, 16m, 8m)).Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CalibrationCard>().CountAsync(c => c.SampleId == sample)));

        // PW-11 avoids a unit of the division: conflicts do not apply to a sample.
        Assert.Equal(SubmitStatus.Stored, (await TrialAsync("PW-11", sample, 24m, 20m, 12m, 16m, 8m)).Status);
        var key = Guid.NewGuid().ToString("N");
        var stored = await TrialKeyAsync("PW-09", sample, key, 24.5m, 20m, 12m, 16m, 8m);
        Assert.Equal(SubmitStatus.Stored, stored.Status);
        Assert.Equal(80.5m, stored.Total);   // 24.5 + 20 + 12 + 16 + 8
        Assert.Equal(SubmitStatus.AlreadyStored, (await TrialKeyAsync("PW-09", sample, key, 24.5m, 20m, 12m, 16m, 8m)).Status);
        Assert.Contains("已提交过", (await TrialAsync("PW-09", sample, 20m, 20m, 12m, 16m, 8m)).Message);
        Assert.Contains("提交标识已被使用", (await TrialKeyAsync("PW-10", sample, key, 24m, 20m, 12m, 16m, 8m)).Message);
        Assert.Equal("24.5;20;12;16;8", await app.WithDbAsync(db => db.Set<CalibrationCard>().Where(c => c.IdempotencyKey == key).Select(c => c.Points).SingleAsync()));

        // The JSON endpoint takes the same card for the pad's retries: 200 with the total, 409 with the reason.
        var judge = await app.JudgeAsync("PW-12");
        var ok = await judge.PostAsJsonAsync("/api/calibration/cards", new { sampleId = sample, points = new[] { 25m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(81m, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetDecimal());   // 25 + 20 + 12 + 16 + 8
        var again = await judge.PostAsJsonAsync("/api/calibration/cards", new { sampleId = sample, points = new[] { 25m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The pad shows the sample to a judge who has not scored it, and nothing to one who has.
        var pw10 = await JudgeIdAsync("PW-10");
        var pw09 = await JudgeIdAsync("PW-09");
        var trial = await WithServiceAsync(s => s.LoadTrialAsync(pw10, round, default));
        Assert.Equal(("闵行样例", 1, 1), (trial!.Title, trial.Position, trial.Count));
        Assert.Null(await WithServiceAsync(s => s.LoadTrialAsync(pw09, round, default)));
        // A sample with a card stays: trial cards are append-only.
        Assert.Contains("不能删除", await WithServiceAsync(s => s.RemoveSampleAsync(sample, Organiser, default)));
    }

    [Fact]
    public async Task Trial_cards_never_count_in_the_round()
    {
        var round = await RoundOfAsync("浦东赛区");
        var sample = await AddAsync(round, "浦东样例");
        var links = await app.WithDbAsync(db => db.Set<Judging.App.Tally.TallyLink>().CountAsync());
        foreach (var j in new[] { "PW-01", "PW-02", "PW-03", "PW-04", "PW-05" })
            Assert.Equal(SubmitStatus.Stored, (await TrialAsync(j, sample, 24m, 20m, 12m, 16m, 8m)).Status);

        Assert.Equal(5, await app.WithDbAsync(db => db.Set<CalibrationCard>().CountAsync(c => c.SampleId == sample)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ScoreRecords.CountAsync(r => r.RoundId == round)));
        Assert.Equal(0, await app.WithDbAsync(db => db.EffectiveScoreRecords().CountAsync(r => r.RoundId == round)));
        Assert.Equal(links, await app.WithDbAsync(db => db.Set<Judging.App.Tally.TallyLink>().CountAsync()));   // not in the tally
        using var scope = app.Services.CreateScope();
        var board = (await scope.ServiceProvider.GetRequiredService<LeaderboardService>().GetForStaffAsync(round, default))!;
        Assert.NotEmpty(board.Rows);
        Assert.All(board.Rows, r => { Assert.Equal(0, r.JudgesSubmitted); Assert.Null(r.Score); });
    }

    [Fact]
    public async Task The_chief_sees_the_spread_per_criterion_and_each_judges_offset_on_five_judges()
    {
        var round = await RoundOfAsync("徐汇赛区");
        var sample = await AddAsync(round, "徐汇样例");
        // Sheet: 主题内容 30, 语言表达 25, 形象风度 15, 现场效果 20, 时间控制 10.
        (string Judge, decimal[] Points)[] cards =
        [
            ("PW-22", [24m, 20m, 12m, 16m, 8m]),   // 80
            ("PW-23", [25m, 20m, 12m, 16m, 8m]),   // 81
            ("PW-24", [23m, 19m, 12m, 16m, 8m]),   // 78
            ("PW-26", [24m, 21m, 13m, 16m, 8m]),   // 82
            ("PW-27", [12m, 12m, 8m, 10m, 6m]),    // 48, far below
        ];
        foreach (var (judge, points) in cards)
            Assert.Equal(SubmitStatus.Stored, (await TrialAsync(judge, sample, points.Select(p => (decimal?)p).ToArray())).Status);

        var chief = await JudgeIdAsync("PW-22");
        var view = (await WithServiceAsync(s => s.LoadChiefAsync(chief, default)))!;
        Assert.Contains(round, view.RoundIds);
        var panel = Assert.Single(view.Rounds);
        Assert.Equal(round, panel.RoundId);
        Assert.Equal(["主题内容", "语言表达", "形象风度", "现场效果", "时间控制"], panel.Criteria);
        var s = Assert.Single(panel.Samples);

        // Totals 48, 78, 80, 81, 82 → median 80.
        Assert.Equal(80m, s.MedianTotal);
        // 主题内容 12, 23, 24, 24, 25: min 12, median 24, max 25; |x − 24| = 12, 1, 0, 0, 1 → sorted 0, 0, 1, 1, 12 → MAD 1.
        Assert.Equal(new CriterionSpread("主题内容", 30m, 12m, 24m, 25m, 1m), s.Spread[0]);
        // 语言表达 12, 19, 20, 20, 21: median 20; |x − 20| = 8, 1, 0, 0, 1 → MAD 1.
        Assert.Equal(new CriterionSpread("语言表达", 25m, 12m, 20m, 21m, 1m), s.Spread[1]);
        // 形象风度 8, 12, 12, 12, 13: median 12; |x − 12| = 4, 0, 0, 0, 1 → MAD 0.
        Assert.Equal(new CriterionSpread("形象风度", 15m, 8m, 12m, 13m, 0m), s.Spread[2]);
        // 时间控制 all 6 or 8: 6, 8, 8, 8, 8 → median 8, MAD 0.
        Assert.Equal(new CriterionSpread("时间控制", 10m, 6m, 8m, 8m, 0m), s.Spread[4]);

        // Offsets from 80: 0, +1, −2, +2, −32. Only PW-27 is flagged (k 3, floor 1, min panel 5): the others of PW-27 are
        // 78, 80, 81, 82 → m 80.5, |x − m| 2.5, 0.5, 0.5, 1.5 → MAD 1 → bound 3; 48 − 80.5 = −32.5 is out. The closest call,
        // PW-24: others 48, 80, 81, 82 → m 80.5, MAD of 32.5, 0.5, 0.5, 1.5 = 1 → bound 3; 78 − 80.5 = −2.5 is in.
        // Driving criterion of PW-27: 12 − 24 = −12 on 主题内容 against −8, −4, −6, −2.
        Assert.Equal(
            [("PW-22", 80m, 0m, false, (string?)null), ("PW-23", 81m, 1m, false, null), ("PW-24", 78m, -2m, false, null),
             ("PW-26", 82m, 2m, false, null), ("PW-27", 48m, -32m, true, "主题内容")],
            s.Judges.Select(j => (j.Judge.Split(' ')[0], j.Total, j.Offset, j.Flagged, j.DrivingCriterion)));
        // 徐汇赛区's panel is PW-22 … PW-28: PW-25 and PW-28 have not scored yet.
        Assert.Equal(["PW-25", "PW-28"], s.Missing.Select(m => m.Split(' ')[0]));

        // Not a chief judge: no page.
        var pw23 = await JudgeIdAsync("PW-23");
        Assert.Null(await WithServiceAsync(x => x.LoadChiefAsync(pw23, default)));
    }
}
