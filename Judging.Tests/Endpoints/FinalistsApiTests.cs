namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The finalist page's actions as JSON (issue 12, section 4): rules, eligibility, overrides, ties, confirmation and its undo,
/// driven as the organiser and checked through <c>GET /api/competitions/1/finalists</c>; refused to judges and anonymous callers.
/// </summary>
public sealed class FinalistsApiTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    private const string Base = "/api/competitions/1/finalists";

    [Fact]
    public async Task An_organiser_scripts_the_finalist_list_from_rules_to_confirmation_and_back()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);

        // Rules: read, change, read back; a request that cannot mean anything is 400, one the rules refuse is 409.
        var rules = await Json(await organiser.GetAsync($"{Base}/rules?track=Speech"));
        Assert.Equal(1, rules.GetProperty("unitCap").GetInt32());
        Assert.False(rules.GetProperty("confirmed").GetBoolean());
        var set = await organiser.PostAsJsonAsync($"{Base}/rules?track=Speech", new { perDivision = 3, unitCap = 2, groupCap = 2, normalisation = "None" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(2, (await Json(await organiser.GetAsync($"{Base}/rules?track=Speech"))).GetProperty("unitCap").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"{Base}/rules?track=Speech", new { perDivision = 3, normalisation = "Loose" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"{Base}/rules?track=Dance", new { perDivision = 3 })).StatusCode);
        var noTarget = await organiser.PostAsJsonAsync($"{Base}/rules?track=Speech", new { unitCap = 1 });
        Assert.Equal(HttpStatusCode.Conflict, noTarget.StatusCode);
        Assert.Contains("请设置入围名额", (await Json(noTarget)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/rules?track=Speech", new { perDivision = 3, unitCap = 1, groupCap = 2 })).StatusCode);
        // Speeches have no public vote: the weight is refused as the page would refuse it.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Base}/vote-weight?track=Speech", new { percent = 30 })).StatusCode);

        // Eligibility: 退赛 with a reason, then 恢复资格.
        var yj008 = await app.EntryIdAsync("YJ-008");
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/eligibility?track=Speech", new { eligibility = "Withdrawn", reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/eligibility?track=Speech", new { eligibility = "Withdrawn", reason = "选手因病无法参加决赛" })).StatusCode);
        var row = await RowAsync(organiser, "YJ-008");
        Assert.Equal("Skipped", row.GetProperty("status").GetString());
        Assert.Contains("选手因病无法参加决赛", row.GetProperty("remark").GetString());
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/eligibility?track=Speech", new { eligibility = "Eligible" })).StatusCode);
        Assert.Equal("Finalist", (await RowAsync(organiser, "YJ-008")).GetProperty("status").GetString());

        // Overrides: 调出 needs a reason; with one the entry leaves the list with it; 取消调整 brings it back.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/override?track=Speech", new { action = "Drop" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/override?track=Speech", new { action = "Promote", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/override?track=Speech", new { action = "Drop", reason = "参赛单位申请调出" })).StatusCode);
        row = await RowAsync(organiser, "YJ-008");
        Assert.Equal("Skipped", row.GetProperty("status").GetString());
        Assert.Equal("参赛单位申请调出", row.GetProperty("overrideReason").GetString());
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/override?track=Speech", new { action = "Clear" })).StatusCode);
        Assert.Equal("Finalist", (await RowAsync(organiser, "YJ-008")).GetProperty("status").GetString());

        // The tie at a cut: a reason is required; decided, nothing is pending.
        var list = await Json(await organiser.GetAsync($"{Base}?track=Speech"));
        var key = list.GetProperty("pending").EnumerateArray().Single().GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"{Base}/ties?track=Speech", new { key, resolution = "TieBreak" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"{Base}/ties?track=Speech", new { key = "division:03", resolution = "TieBreak", reason = "x" })).StatusCode);
        // Confirming with a tie pending is refused, as on the page.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Base}/confirm?track=Speech", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/ties?track=Speech", new { key, resolution = "TieBreak", reason = "按评分细则决出" })).StatusCode);
        list = await Json(await organiser.GetAsync($"{Base}?track=Speech"));
        Assert.Empty(list.GetProperty("pending").EnumerateArray());

        // Confirmation: a list other than the one in force is refused; the one read is confirmed and the final is created.
        var finalists = list.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "Finalist")
            .Select(r => r.GetProperty("entryId").GetInt32()).Reverse().ToList();
        var stale = await organiser.PostAsJsonAsync($"{Base}/confirm?track=Speech", new { finalists = finalists.Skip(1) });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("名单已被其他人修改，请核对刷新后的名单再确认", (await Json(stale)).GetProperty("error").GetString());
        var confirmed = await organiser.PostAsJsonAsync($"{Base}/confirm?track=Speech", new { finalists });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var finalRound = (await Json(confirmed)).GetProperty("finalRoundId").GetInt32();
        Assert.Equal(finalists.Count, await app.WithDbAsync(db => db.RoundEntries.CountAsync(x => x.RoundId == finalRound)));
        Assert.True((await Json(await organiser.GetAsync($"{Base}?track=Speech"))).GetProperty("confirmed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Base}/entries/{yj008}/override?track=Speech", new { action = "Drop", reason = "晚了" })).StatusCode);

        // Undo: a reason is required; then the list is open again and the final round is gone.
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Base}/undo?track=Speech", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Base}/undo?track=Speech", new { reason = "漏报一名选手退赛" })).StatusCode);
        rules = await Json(await organiser.GetAsync($"{Base}/rules?track=Speech"));
        Assert.False(rules.GetProperty("confirmed").GetBoolean());
        Assert.False(await app.WithDbAsync(db => db.Rounds.AnyAsync(r => r.Id == finalRound)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "撤销确认入围名单" && a.Reason == "漏报一名选手退赛" && a.Actor == "组织者 俞琳")));
    }

    [Fact]
    public async Task Judges_and_anonymous_callers_are_refused_and_a_cross_site_post_is_refused_too()
    {
        using var anonymous = app.Browser();
        using var judge = await app.JudgeAsync("PW-02");
        var body = new { perDivision = 1, unitCap = 1, groupCap = 1 };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{Base}/rules?track=Speech", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsJsonAsync($"{Base}/rules?track=Speech", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsJsonAsync($"{Base}/undo?track=Speech", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Base}/rules?track=Speech")).StatusCode);

        using var organiser = await ResultsData.OrganiserClientAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/rules?track=Speech") { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.SendAsync(request)).StatusCode);
        Assert.Equal(1, (await Json(await organiser.GetAsync($"{Base}/rules?track=Speech"))).GetProperty("unitCap").GetInt32());
    }

    private static async Task<JsonElement> RowAsync(HttpClient organiser, string code) =>
        (await Json(await organiser.GetAsync($"{Base}?track=Speech"))).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);

    internal static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
