namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using System.Globalization;
using Judging.App;
using Judging.Domain.Competitions;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

/// <summary>
/// The scoring refusals follow the UI culture (issue 12, section 3): a judge's card refused by <c>POST /api/scores</c> and a
/// chief judge's unlock refused by <c>POST /api/chief/cards/{id}/unlock</c> read in English with <c>?culture=en</c>, and in
/// Chinese by default; the machine-readable status stays the same.
/// </summary>
public sealed class ScoringEnglishTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<(string? Status, string Error)> RefusedAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (body.TryGetProperty("status", out var s) ? s.GetString() : null, body.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task A_refused_card_and_a_refused_unlock_read_in_English_with_culture_en_and_in_Chinese_by_default()
    {
        using var judge = await app.JudgeAsync("PW-10");
        object Card() => new { roundId = 2, entryId = 1, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = "short" };

        var zh = await RefusedAsync(await judge.PostAsJsonAsync("/api/scores", Card()));
        Assert.Equal(("Refused", "提交标识无效，请刷新页面后重试"), zh);
        var en = await RefusedAsync(await judge.PostAsJsonAsync("/api/scores?culture=en", Card()));
        Assert.Equal(("Refused", "The submission key is not valid; refresh the page and try again"), en);

        var access = await app.WithDbAsync(db => db.Judges.Where(j => j.DivisionId == 2 && j.IsChief).Select(j => j.AccessCode).SingleAsync());
        using var chief = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await chief.GetAsync($"/j/{access}")).StatusCode);
        Assert.Equal("请填写解锁原因", (await RefusedAsync(await chief.PostAsJsonAsync("/api/chief/cards/1/unlock", new { reason = " " }))).Error);
        Assert.Equal("Please give a reason for the unlock",
            (await RefusedAsync(await chief.PostAsJsonAsync("/api/chief/cards/1/unlock?culture=en", new { reason = " " }))).Error);
    }

    [Fact]
    public void The_rules_problems_of_a_card_a_sheet_and_a_sign_in_code_are_worded_in_English_under_en_and_in_Chinese_under_zh_CN()
    {
        var W = app.Services.GetRequiredService<IStringLocalizer<Wordings>>();
        List<Criterion> sheet = [new() { Name = "主题内容", MaxPoints = 30m }, new() { Name = "语言表达", MaxPoints = 60m }];
        string Card() => W.Word(Wording.Join("；", ScoreCardRules.Validate(sheet, [30.5m, null], 0.5m)))!;
        string Sheet() => W.Word(Wording.Join("；", ScoreCardRules.ValidateSheet(sheet, 0.5m)))!;
        string Code() => W.Word(SignInCodeRule.Weakness("AB12"))!;
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("The score 30.5 for “主题内容” is outside 0–30; “语言表达” has no score yet", Card());
            Assert.Equal("The criteria maxima total 90; they must total 100", Sheet());
            Assert.Equal("at least 8 characters (4 given)", Code());
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("“主题内容”的分数 30.5 超出范围 0–30；“语言表达”尚未打分", Card());
            Assert.Equal("评分项满分合计为 90，应为 100", Sheet());
            Assert.Equal("至少 8 位（实际 4 位）", Code());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Fact]
    public async Task The_round_console_api_answers_a_missing_round_in_English_with_culture_en_and_in_Chinese_by_default()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        async Task<string> MissingAsync(string url)
        {
            var r = await organiser.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        }
        Assert.Equal("轮次不存在", await MissingAsync("/api/rounds/999999/console"));
        Assert.Equal("There is no such round", await MissingAsync("/api/rounds/999999/console?culture=en"));
    }
}
