namespace Judging.Tests.Endpoints;

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Judging.App.Cases;
using Judging.App.Films;
using Judging.App.Registration;
using Judging.Domain.Cases;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app with three units registered online (through <see cref="RegistrationService"/>), their counts taken before and after.</summary>
public sealed class RegistrationDashboardApp : TestApp
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private RegistrationScenario? scenario;

    /// <summary>The scenario (made once): the counts before it, the three units and their entries.</summary>
    public async Task<RegistrationScenario> ScenarioAsync()
    {
        await gate.WaitAsync();
        try { return scenario ??= await MakeAsync(); }
        finally { gate.Release(); }
    }

    /// <summary>Runs <paramref name="f"/> with a service of a fresh scope.</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> f) where TService : notnull
    {
        using var scope = Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The counts JSON as the organiser reads it.</summary>
    public async Task<JsonElement> CountsAsync(int competitionId)
    {
        var organiser = await ResultsData.OrganiserClientAsync(this);
        var res = await organiser.GetAsync($"/api/competitions/{competitionId}/registrations");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static readonly string Synopsis = new('质', 150); // 150 字: within 100–300

    private async Task<RegistrationScenario> MakeAsync()
    {
        var comp = await WithDbAsync(db => db.Competitions.OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).FirstAsync());
        var before = await CountsAsync(comp.Id);
        var now = DateTimeOffset.UtcNow;
        // Open windows around now (the seeds' year is past): registration and every track's declarations.
        Assert.Empty(await WithAsync<RegistrationService, IReadOnlyList<Wording>>(r => r.SetCalendarAsync(comp.Id,
            new IntakeCalendar(now.AddDays(-1), now.AddDays(30), now.AddDays(30), now.AddDays(40), now.AddDays(45), now.AddDays(50)), "组织者 测试", default)));
        var pudong = await WithDbAsync(db => db.Recommenders.Where(r => r.Name == "浦东新区市场监管局").Select(r => r.Id).SingleAsync());
        var electric = await WithDbAsync(db => db.Recommenders.Where(r => r.Name == "上海电气集团").Select(r => r.Id).SingleAsync());

        async Task<int> Register(string name, string mobile, int recommender, string nature, string? natureOther, string industry, string? industryOther, Track planned) =>
            Ok(await WithAsync<RegistrationService, RegistrationOutcome<int>>(r => r.RegisterAsync(comp.Id, mobile, new RegistrationForm(
                name, true, recommender, "上海市浦东新区世纪大道 1 号", "200120", nature, natureOther, "制造", false, industry, industryOther,
                "张三", "品牌部 经理", mobile, "zhang@example.cn", [planned], false), default)));
        async Task<(int Declaration, int? Entry)> Declare(int unit, string mobile, Track track, string title, bool submit)
        {
            var id = Ok(await WithAsync<RegistrationService, RegistrationOutcome<int>>(r => r.StartDeclarationAsync(unit, track, default)));
            Ok(await WithAsync<RegistrationService, RegistrationOutcome<int>>(r => r.SaveDraftAsync(unit, id, new DeclarationForm(
                title, "上海制造", track == Track.InnovationCase ? null : 8, "李四", "张三", "世纪大道 1 号", "品牌部", "经理", mobile, "zhang@example.cn",
                Synopsis, [RegistrationChoices.Honours[0]], null, [true, true, true]), null, default)));
            if (!submit) return (id, null);
            return (id, Ok(await WithAsync<RegistrationService, RegistrationOutcome<int>>(r => r.SubmitAsync(unit, id, mobile, default))));
        }

        var a = await Register("测试申报甲公司", "13800000001", pudong, "民营", null, "元宇宙", null, Track.Speech);
        var b = await Register("测试申报乙公司", "13800000002", electric, "外资", null, "未来空间", null, Track.InnovationCase);
        var c = await Register("测试申报丙公司", "13800000003", pudong, RegistrationChoices.Other, "社会团体", RegistrationChoices.Other, "文旅", Track.MicroFilm);
        var speech = await Declare(a, "13800000001", Track.Speech, "测试演讲：一把尺子的故事", submit: true);
        var draft = await Declare(a, "13800000001", Track.Speech, "测试演讲：草稿", submit: false);
        var caseEntry = await Declare(b, "13800000002", Track.InnovationCase, "测试案例：质量数字化", submit: true);
        var film = await Declare(c, "13800000003", Track.MicroFilm, "测试微电影：江南好", submit: true);
        return new RegistrationScenario(comp.Id, before, a, b, c, speech.Entry!.Value, draft.Declaration, caseEntry.Entry!.Value, film.Entry!.Value);
    }

    private static int Ok(RegistrationOutcome<int> r)
    {
        Assert.True(r.Ok, $"{r.Status} {r.Refusal?.Format} {string.Join("; ", r.Problems.Select(p => p.Field + ": " + p.Message.Format))}");
        return r.Value;
    }
}

/// <summary>What <see cref="RegistrationDashboardApp"/> made.</summary>
public sealed record RegistrationScenario(int CompetitionId, JsonElement Before, int UnitA, int UnitB, int UnitC, int SpeechEntry, int DraftDeclaration,
    int CaseEntry, int FilmEntry);

/// <summary>
/// The registrations dashboard (issue 15, "Organiser"): <c>GET /api/competitions/{id}/registrations</c> counts per track,
/// recommender, district, 重点产业 and 单位性质 against units registered through <see cref="RegistrationService"/>; the grids'
/// exports (CSV with a BOM, .xlsx read back with MiniExcel); declared entries in the formal-review queue, a film's video
/// counting as its submission.
/// </summary>
public sealed class RegistrationDashboardTests(RegistrationDashboardApp app) : IClassFixture<RegistrationDashboardApp>
{
    private static JsonElement Named(JsonElement list, string name) => list.EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);

    private static JsonElement Track(JsonElement counts, string track) =>
        counts.GetProperty("byTrack").EnumerateArray().Single(x => x.GetProperty("track").GetString() == track);

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>The change of <paramref name="field"/> of the group <paramref name="name"/> in <paramref name="list"/> (a group absent before counts 0).</summary>
    private static int Delta(RegistrationScenario s, JsonElement after, string list, string name, string field)
    {
        var old = s.Before.GetProperty(list).EnumerateArray().Where(x => x.GetProperty("name").GetString() == name).Select(x => Int(x, field)).DefaultIfEmpty(0).Single();
        return Int(Named(after.GetProperty(list), name), field) - old;
    }

    [Fact]
    public async Task The_counts_follow_the_units_registered_declared_and_submitted_online()
    {
        var s = await app.ScenarioAsync();
        var after = await app.CountsAsync(s.CompetitionId);

        // Totals: 3 units registered (甲 乙 丙); declarations: 甲's two speeches (one submitted, one draft), 乙's case, 丙's film.
        Assert.Equal(3, Int(after.GetProperty("totals"), "registered") - Int(s.Before.GetProperty("totals"), "registered"));
        Assert.Equal(3, Int(after.GetProperty("totals"), "units") - Int(s.Before.GetProperty("totals"), "units"));
        Assert.Equal(1, Int(after.GetProperty("totals"), "drafts") - Int(s.Before.GetProperty("totals"), "drafts"));
        Assert.Equal(3, Int(after.GetProperty("totals"), "submitted") - Int(s.Before.GetProperty("totals"), "submitted"));

        // Per track: speech 1 draft + 1 submitted, planned by 甲; case 1 submitted (乙); film 1 submitted (丙). Imported entries unchanged.
        // (Differences from before the scenario: the seeds carry registrations and drafts of their own.)
        int D(string track, string field) => Int(Track(after, track), field) - Int(Track(s.Before, track), field);
        Assert.Equal((1, 1, 1), (D("Speech", "drafts"), D("Speech", "submitted"), D("Speech", "plannedUnits")));
        Assert.Equal((0, 1, 1), (D("InnovationCase", "drafts"), D("InnovationCase", "submitted"), D("InnovationCase", "plannedUnits")));
        Assert.Equal((0, 1), (D("MicroFilm", "drafts"), D("MicroFilm", "submitted")));
        Assert.Equal(Int(Track(s.Before, "Speech"), "imported"), Int(Track(after, "Speech"), "imported"));
        Assert.Equal("演讲", Track(after, "Speech").GetProperty("name").GetString());

        // Per recommender: 浦东新区市场监管局 gained 甲 and 丙 (2 units, 1 draft, 2 submitted); 上海电气集团 gained 乙 (1 submitted).
        Assert.Equal(2, Delta(s, after, "byRecommender", "浦东新区市场监管局", "units"));
        Assert.Equal(2, Delta(s, after, "byRecommender", "浦东新区市场监管局", "registered"));
        Assert.Equal(1, Delta(s, after, "byRecommender", "浦东新区市场监管局", "drafts"));
        Assert.Equal(2, Delta(s, after, "byRecommender", "浦东新区市场监管局", "submitted"));
        Assert.Equal(1, Delta(s, after, "byRecommender", "上海电气集团", "submitted"));
        Assert.False(Named(after.GetProperty("byRecommender"), "浦东新区市场监管局").GetProperty("complete").GetBoolean()); // nothing recommended yet

        // Per district: 浦东新区市场监管局 → 浦东新区 (+2 units); a group company's units together as 集团推荐 (+1, 乙).
        Assert.Equal(2, Delta(s, after, "byDistrict", "浦东新区", "units"));
        Assert.Equal(1, Delta(s, after, "byDistrict", "集团推荐", "units"));
        Assert.Equal(1, Delta(s, after, "byDistrict", "集团推荐", "submitted"));

        // Per 重点产业, grouped as the notice: 元宇宙 ∈ 四大新赛道产业 (甲: 1 draft, 1 submitted); 未来空间 ∈ 五大未来产业 (乙); 其他 (丙).
        var newTrack = Named(after.GetProperty("byIndustry"), "四大新赛道产业");
        var metaverse = Named(newTrack.GetProperty("items"), "元宇宙");
        Assert.Equal((1, 1, 1), (Int(metaverse, "units"), Int(metaverse, "drafts"), Int(metaverse, "submitted")));
        Assert.Equal(1, Delta(s, after, "byIndustry", "四大新赛道产业", "units"));
        Assert.Equal(1, Int(Named(Named(after.GetProperty("byIndustry"), "五大未来产业").GetProperty("items"), "未来空间"), "units"));
        Assert.Equal(1, Delta(s, after, "byIndustry", "其他", "units"));
        Assert.Equal(0, Delta(s, after, "byIndustry", "未填写", "units")); // the new units all gave one; the imported ones none

        // Per 单位性质: 民营 +1 (甲), 外资 +1 (乙), 其他 +1 (丙, 社会团体).
        Assert.Equal(1, Delta(s, after, "byNature", "民营", "units"));
        Assert.Equal(1, Delta(s, after, "byNature", "外资", "units"));
        Assert.Equal(1, Delta(s, after, "byNature", "其他", "units"));
        Assert.Equal(0, Delta(s, after, "byNature", "国有", "units"));
    }

    [Fact]
    public async Task The_counts_are_the_organisers_only()
    {
        var s = await app.ScenarioAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/competitions/{s.CompetitionId}/registrations")).StatusCode);
        var judge = await app.JudgeAsync("PW-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.GetAsync($"/api/competitions/{s.CompetitionId}/registrations")).StatusCode);
        var organiser = await ResultsData.OrganiserClientAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync("/api/competitions/999999/registrations")).StatusCode);
    }

    [Fact]
    public async Task The_units_export_is_csv_with_a_bom_and_xlsx_with_every_row()
    {
        var s = await app.ScenarioAsync();
        var overview = (await app.WithAsync<RegistrationDashboard, RegistrationOverview?>(d => d.LoadAsync(s.CompetitionId, default)))!;
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var table = await app.WithAsync<RegistrationWords, ExportTable>(w => Task.FromResult(w.UnitsTable(overview.Units)));
            var csv = RegistrationWords.Csv(table);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]); // UTF-8 BOM: Excel opens the Chinese intact
            var text = Encoding.UTF8.GetString(csv[3..]);
            Assert.StartsWith("单位名称,推荐单位,所在区,单位性质,在线报名,会员单位,重点领域,专精特新,重点产业,产业类别,", text);
            // 甲's line: district 浦东新区, industry group 四大新赛道产业, the contact's mobile masked (13800000001 → 138****0001).
            var line = text.Split("\r\n").Single(l => l.StartsWith("测试申报甲公司,", StringComparison.Ordinal));
            Assert.Contains(",浦东新区,民营,是,是,制造,否,元宇宙,四大新赛道产业,", line);
            Assert.Contains("张三 138****0001", line);
            Assert.DoesNotContain("13800000001", text);
            // Header line + one line per unit (the seeds' 45 and the 3 registered here, or however many the seeds now hold).
            Assert.Equal(overview.Units.Count + 1, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

            var xlsx = RegistrationWords.Xlsx(table, "参赛单位");
            Assert.Equal((byte)'P', xlsx[0]); // a zip (PK…): the .xlsx package
            var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(overview.Units.Count, rows.Count);
            var a = rows.Single(r => (string)r["单位名称"] == "测试申报甲公司");
            Assert.Equal("浦东新区市场监管局", a["推荐单位"]);
            Assert.Equal("张三 138****0001", a["联系手机（隐去中间四位）"]);
            Assert.Equal("演讲", a["拟申报作品"]);
            Assert.Equal("1", a["草稿"]); // cells are written as text
            var c = rows.Single(r => (string)r["单位名称"] == "测试申报丙公司");
            Assert.Equal("其他（社会团体）", c["单位性质"]);
            Assert.Equal("其他（文旅）", c["重点产业"]);

            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var english = await app.WithAsync<RegistrationWords, ExportTable>(w => Task.FromResult(w.UnitsTable(overview.Units)));
            Assert.Equal(["Unit", "Recommender", "District"], english.Header.Take(3));
        }
        finally { CultureInfo.CurrentUICulture = saved; }
    }

    [Fact]
    public async Task The_entries_export_lists_drafts_and_submitted_declarations_with_their_status()
    {
        var s = await app.ScenarioAsync();
        var overview = (await app.WithAsync<RegistrationDashboard, RegistrationOverview?>(d => d.LoadAsync(s.CompetitionId, default)))!;
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var table = await app.WithAsync<RegistrationWords, ExportTable>(w => Task.FromResult(w.EntriesTable(overview.Entries)));
            var text = Encoding.UTF8.GetString(RegistrationWords.Csv(table)[3..]);
            Assert.StartsWith("作品编号,作品名称,参赛单位,推荐单位,赛道,申报状态,作品类别,时长（分钟）,主创者,形式审查,推荐意见,", text);
            var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(RegistrationWords.Xlsx(table, "申报作品")), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(overview.Entries.Count, rows.Count);
            var draft = rows.Single(r => (string)r["作品名称"] == "测试演讲：草稿");
            // No number (an empty cell reads back as null), not in formal review.
            Assert.Equal(("草稿", (string?)null, "—"), ((string)draft["申报状态"], (string?)draft["作品编号"], (string)draft["形式审查"]));
            var speech = rows.Single(r => (string)r["作品名称"] == "测试演讲：一把尺子的故事");
            Assert.Equal("已提交", speech["申报状态"]);
            Assert.StartsWith("YJ-", (string)speech["作品编号"]);
            Assert.Equal("未提交材料", speech["形式审查"]); // declared, outline not uploaded yet
            Assert.Equal("未提交推荐", speech["推荐意见"]);
            Assert.Equal("8", speech["时长（分钟）"]);
            Assert.Contains(rows, r => (string)r["申报状态"] == "CSV 导入"); // the seeds' entries, imported
        }
        finally { CultureInfo.CurrentUICulture = saved; }
    }

    [Fact]
    public async Task A_declared_speech_is_in_the_formal_review_queue_and_cannot_be_reviewed_before_its_outline()
    {
        var s = await app.ScenarioAsync();
        var queue = await app.WithAsync<CaseIntakeService, List<QueueRow>>(i => i.QueueAsync(s.CompetitionId, default));
        var row = Assert.Single(queue, r => r.EntryId == s.SpeechEntry);
        Assert.Equal((Judging.Domain.Competitions.Track.Speech, "测试申报甲公司", FormalReviewStatus.AwaitingDocument), (row.Track, row.UnitName, row.Status));
        Assert.Contains(queue, r => r.EntryId == s.CaseEntry);
        // The detail carries the declaration's fields (what the unit declared).
        var detail = (await app.WithAsync<CaseIntakeService, CaseDetail?>(i => i.DetailAsync(s.SpeechEntry, null, default)))!;
        Assert.Equal(("上海制造", 8, "李四"), (detail.Declaration!.Category, detail.Declaration.DurationMinutes, detail.Declaration.Creator));
        Assert.Null(detail.MaterialFor(ChecklistKey.UnitLogo)); // no logo uploaded: the manual item shows it missing
        var step = await app.WithAsync<CaseIntakeService, ReviewStep>(i => i.ReturnAsync(s.SpeechEntry, new HashSet<ChecklistKey>(), "缺少演讲提纲", "组织者 测试", default));
        Assert.False(step.Ok); // nothing to review until the outline is uploaded (a case document)
    }

    [Fact]
    public async Task A_declared_films_stored_video_is_its_submission_it_can_be_returned_resubmitted_and_accepted()
    {
        var s = await app.ScenarioAsync();
        // The video goes through the film library, the path every film takes (the unit's tus upload ends there).
        var film = FilmUploadTusTests.PaddedFilm(300_000);
        async Task StoreVideoAsync()
        {
            var (asset, _) = await app.WithAsync<Judging.App.Films.FilmLibrary, (FilmAsset?, Judging.App.Films.ReceiveProblem)>(
                l => l.StoreVideoAsync(s.FilmEntry, new MemoryStream(film), "参赛单位 138****0003（在线申报）", default));
            Assert.NotNull(asset);
        }
        await StoreVideoAsync();
        var queue = await app.WithAsync<CaseIntakeService, List<QueueRow>>(i => i.QueueAsync(s.CompetitionId, default));
        var row = Assert.Single(queue, r => r.EntryId == s.FilmEntry);
        Assert.Equal(FormalReviewStatus.Submitted, row.Status);
        Assert.Equal(0, row.FailingAutomatic); // the video passes the file items; 1 film of 5; no title repeated
        // The queue read twice adds no second Submit step.
        await app.WithAsync<CaseIntakeService, List<QueueRow>>(i => i.QueueAsync(s.CompetitionId, default));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<FormalReviewRecord>().CountAsync(r => r.EntryId == s.FilmEntry)));

        var all = FormalChecklist.ManualKeys.ToHashSet();
        Assert.True((await app.WithAsync<CaseIntakeService, ReviewStep>(i => i.ReturnAsync(s.FilmEntry, all, "片头缺少单位名称", "组织者 测试", default))).Ok);
        // The unit stores a new video after the return: a resubmission.
        await StoreVideoAsync();
        var detail = (await app.WithAsync<CaseIntakeService, CaseDetail?>(i => i.DetailAsync(s.FilmEntry, null, default)))!;
        Assert.Equal(FormalReviewStatus.Resubmitted, detail.Review.Status);
        Assert.Equal(film.Length, detail.Film!.SizeBytes);
        var accepted = await app.WithAsync<CaseIntakeService, ReviewStep>(i => i.AcceptAsync(s.FilmEntry, all, null, "组织者 测试", default));
        Assert.True(accepted.Ok, accepted.Refusal);
        // Submit, Return, Resubmit, Accept.
        Assert.Equal([FormalReviewAction.Submit, FormalReviewAction.Return, FormalReviewAction.Resubmit, FormalReviewAction.Accept],
            await app.WithDbAsync(db => db.Set<FormalReviewRecord>().Where(r => r.EntryId == s.FilmEntry).OrderBy(r => r.Id).Select(r => r.Action).ToListAsync()));
    }
}
