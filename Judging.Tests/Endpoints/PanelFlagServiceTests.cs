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

        // Unlocked, the card is no longer an effective card: the flag goes.
        Assert.Null(await WithScoringAsync(s => s.UnlockAsync(chief, flag.RecordId, "主题内容误触", default)));
        view = (await WithScoringAsync(s => s.LoadChiefAsync(chief, default)))!;
        Assert.Empty(view.Flags);
    }
}
