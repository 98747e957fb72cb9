namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The live panel flag on the chief judge's read model and the judge report (issue 14, §1), through the app and its database
/// (浦东赛区, round 1: PW-01 … PW-07, PW-01 the chief judge; the sheet 主题内容 30 / 语言表达 25 / 形象风度 15 / 现场效果 20 / 时间控制 10).
/// </summary>
public sealed class PanelFlagServiceTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>Six cards near 80 and PW-04's far off on 主题内容 (12 of 30: total 68).</summary>
    internal static readonly (string Judge, decimal[] Points)[] Cards =
    [
        ("PW-01", [24, 20, 12, 16, 8]), // 80
        ("PW-02", [25, 20, 12, 16, 8]), // 81
        ("PW-03", [23, 20, 12, 16, 8]), // 79
        ("PW-05", [26, 20, 12, 16, 8]), // 82
        ("PW-06", [24, 20, 12, 16, 8]), // 80
        ("PW-07", [22, 20, 12, 16, 8]), // 78
        ("PW-04", [12, 20, 12, 16, 8]), // 68
    ];

    private async Task<long> ScoreAsync(string judgeCode, int entryId, decimal[] points)
    {
        var judge = await app.JudgeAsync(judgeCode);
        var r = await judge.PostAsJsonAsync("/api/scores", new { roundId = 1, entryId, points, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordId").GetInt64();
    }

    private async Task<T> WithScoringAsync<T>(Func<ScoringService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ScoringService>());
    }

    [Fact]
    public async Task The_far_off_card_is_flagged_for_the_chief_with_its_judge_criterion_and_running_offset()
    {
        await app.OpenScoringAsync(1, "YJ-036");
        var entryId = await app.EntryIdAsync("YJ-036");
        var ids = new Dictionary<string, long>();
        foreach (var (judge, points) in Cards) ids[judge] = await ScoreAsync(judge, entryId, points);
        var chief = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-01").Select(j => j.Id).SingleAsync());

        var view = (await WithScoringAsync(s => s.LoadChiefAsync(chief, default)))!;
        var flag = Assert.Single(view.Flags);
        Assert.Equal(("PW-04", "YJ-036", ids["PW-04"]), (flag.JudgeCode, flag.EntryCode, flag.RecordId));
        // Others' totals 78 79 80 80 81 82: median 80, |d| 2 1 0 0 1 2 → MAD 1; 68 − 80 = −12 beyond 3 × max(1, 1) = 3.
        Assert.Equal(68m, flag.Total);
        Assert.Equal(80m, flag.PanelMedian);
        Assert.Equal(-12m, flag.Deviation);
        // 主题内容: 12 − median(22 23 24 24 25 26) = 12 − 24 = −12; every other criterion 0.
        Assert.Equal("主题内容", flag.Criterion);
        Assert.Equal(-12m, flag.CriterionDeviation);
        Assert.Equal(-12m, flag.RunningOffset); // one entry so far: its offset
        Assert.Null(flag.AttentionNote);

        // Calling the panel's attention: a note in the audit log, shown on the flag; the card is unchanged.
        Assert.Equal("请填写提请注意的说明", await WithScoringAsync(s => s.CallAttentionAsync(chief, flag.RecordId, " ", default)));
        var elsewhere = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-08").Select(j => j.Id).SingleAsync());
        Assert.NotNull(await WithScoringAsync(s => s.CallAttentionAsync(elsewhere, flag.RecordId, "别的赛区", default)));
        Assert.Null(await WithScoringAsync(s => s.CallAttentionAsync(chief, flag.RecordId, "主题内容偏低，请评委会讨论", default)));
        view = (await WithScoringAsync(s => s.LoadChiefAsync(chief, default)))!;
        Assert.Equal("主题内容偏低，请评委会讨论", Assert.Single(view.Flags).AttentionNote);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "提请评委会注意"
            && a.Subject == $"轮次 1 作品 YJ-036 评委 PW-04 闫丹丹 评分记录 {ids["PW-04"]}" && a.Before == "12;20;12;16;8")));

        // Unlocked, the card is no longer an effective card: the flag goes; the report says it waits for a new card.
        Assert.Null(await WithScoringAsync(s => s.UnlockAsync(chief, flag.RecordId, "主题内容误触", default)));
        view = (await WithScoringAsync(s => s.LoadChiefAsync(chief, default)))!;
        Assert.Empty(view.Flags);
        var report = (await WithReportAsync(r => r.LoadAsync(1, default)))!;
        var waiting = Assert.Single(report.Flagged);
        Assert.Equal((ids["PW-04"], FlagOutcome.AwaitingRescore, "已解锁，待重评"), (waiting.RecordId, waiting.Outcome, waiting.OutcomeText));

        // The judge scores again (24 on 主题内容: total 80); the report tells the story of the first card.
        var rescored = await ScoreAsync("PW-04", entryId, [24, 20, 12, 16, 8]);
        report = (await WithReportAsync(r => r.LoadAsync(1, default)))!;
        var row = Assert.Single(report.Flagged); // the new card (80 against a median of 80) is not flagged
        Assert.Equal(("PW-04", "YJ-036", 1, 68m, 80m, -12m, "主题内容"), (row.JudgeCode, row.EntryCode, row.Attempt, row.Total, row.PanelMedian, row.Deviation, row.Criterion));
        Assert.Equal((FlagOutcome.Rescored, 80m, "已解锁，重评 68.00 → 80.00"), (row.Outcome, row.RescoreTotal, row.OutcomeText));
        Assert.Equal("已提请注意：主题内容偏低，请评委会讨论", row.AttentionText);
        Assert.NotEqual(rescored, row.RecordId);

        // Per judge, over the effective cards (PW-04 now 80): seven judges, one card each.
        Assert.Equal(["PW-01", "PW-02", "PW-03", "PW-04", "PW-05", "PW-06", "PW-07"], report.Judges.Select(j => j.Code));
        var pw04 = report.Judges.Single(j => j.Code == "PW-04");
        // Others 80 81 79 82 80 78: median 80; offset 80 − 80 = 0, spread 0 over one offset; one entry: no correlation.
        Assert.Equal((1, 0m, 0m, "—", 1), (pw04.Cards, pw04.Severity, pw04.Spread, pw04.Correlation, pw04.Flagged));
        // Trimmed (one lowest, one highest of seven): 78 is PW-07's, 82 is PW-05's.
        Assert.Equal((1, 0), (report.Judges.Single(j => j.Code == "PW-07").TrimmedLow, report.Judges.Single(j => j.Code == "PW-07").TrimmedHigh));
        Assert.Equal((0, 1), (report.Judges.Single(j => j.Code == "PW-05").TrimmedLow, report.Judges.Single(j => j.Code == "PW-05").TrimmedHigh));
        // PW-05: 82 − median(80 81 79 80 78 80 → 78 79 80 80 80 81) = 82 − 80 = +2.
        Assert.Equal(2m, report.Judges.Single(j => j.Code == "PW-05").Severity);

        // CSV: UTF-8 with a BOM, the judge and the outcome in it.
        var csv = await WithReportAsync(r => Task.FromResult(r.Csv(report)));
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Take(3));
        var csvText = System.Text.Encoding.UTF8.GetString(csv);
        Assert.Contains("PW-04,闫丹丹,1,0.00,0.00,—,0,0,1", csvText);
        Assert.Contains("已解锁，重评 68.00 → 80.00", csvText);

        // PDF for the organiser and the round's chief judge; the text names the judge and the outcome.
        foreach (var client in new[] { await ResultsData.OrganiserClientAsync(app), await app.JudgeAsync("PW-01") })
        {
            var pdf = await client.GetAsync("/rounds/1/judge-report.pdf");
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            var text = PdfText.Extract(bytes).Replace("\n", ""); // a cell's text may wrap over lines
            Assert.Contains("闫丹丹", text);
            Assert.Contains("已解锁，重评 68.00 → 80.00", text);
            Assert.Contains("已提请注意：主题内容偏低，请评委会讨论", text);
        }
        // Another panel's chief judge is sent to /denied.
        var other = await (await app.JudgeAsync("PW-08")).GetAsync("/rounds/1/judge-report.pdf");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/denied", other.Headers.Location?.PathAndQuery ?? other.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_flagged_card_kept_with_a_note_is_reported_as_kept()
    {
        await app.OpenScoringAsync(1, "YJ-036");
        var entryId = await app.EntryIdAsync("YJ-036");
        foreach (var (judge, points) in Cards) await ScoreAsync(judge, entryId, points);
        var chief = await app.WithDbAsync(db => db.Judges.Where(j => j.Code == "PW-01").Select(j => j.Id).SingleAsync());
        var flag = Assert.Single((await WithScoringAsync(s => s.LoadChiefAsync(chief, default)))!.Flags);
        Assert.Null(await WithScoringAsync(s => s.CallAttentionAsync(chief, flag.RecordId, "评委说明：该选手偏题", default)));

        var row = Assert.Single((await WithReportAsync(r => r.LoadAsync(1, default)))!.Flagged);
        Assert.Equal((FlagOutcome.Kept, "保留", "已提请注意：评委说明：该选手偏题"), (row.Outcome, row.OutcomeText, row.AttentionText));
        Assert.Null(await WithReportAsync(r => r.LoadAsync(999999, default)));
    }

    private async Task<T> WithReportAsync<T>(Func<JudgeReportService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<JudgeReportService>());
    }
}

