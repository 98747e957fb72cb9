namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Judging.Tests.Support;

/// <summary>
/// The finalist actions' refusals follow the UI culture (issue 12, section 3): an organiser who chose English gets
/// TrackResultsService's refusals in English through the finalists JSON API, the entry's remark worded in English too;
/// the default stays Chinese.
/// </summary>
public sealed class FinalistsEnglishTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    private const string Base = "/api/competitions/1/finalists";

    [Fact]
    public async Task Finalist_refusals_read_in_english_with_the_culture_cookie_and_in_chinese_by_default()
    {
        using var zh = await ResultsData.OrganiserClientAsync(app);
        using var en = await ResultsData.OrganiserClientAsync(app);
        await en.GetAsync("/culture/en?returnUrl=/");

        Assert.Equal("Only micro-film preliminary scores include the online vote",
            await ErrorAsync(en, $"{Base}/vote-weight?track=Speech", new { percent = 30 }));
        Assert.Equal("只有微电影的初赛成绩结合网络投票", await ErrorAsync(zh, $"{Base}/vote-weight?track=Speech", new { percent = 30 }));
        Assert.Equal("Undoing the confirmation needs a reason", await ErrorAsync(en, $"{Base}/undo?track=Speech", new { reason = " " }));
        Assert.Equal("Adjusting the finalists needs a reason",
            await ErrorAsync(en, $"{Base}/entries/{await app.EntryIdAsync("YJ-001")}/override?track=Speech", new { action = "Drop" }));

        // The rules' own problems (FinalistRules.Validate, Wordings) are worded too, joined by the language's separator.
        Assert.Equal("The cap per unit must be at least 1; The cap per group company must be at least 1",
            await ErrorAsync(en, $"{Base}/rules?track=Speech", new { perDivision = 3, unitCap = 0, groupCap = 0 }));
        Assert.Equal("每个参赛单位的入围上限至少为 1；每个集团公司的入围上限至少为 1",
            await ErrorAsync(zh, $"{Base}/rules?track=Speech", new { perDivision = 3, unitCap = 0, groupCap = 0 }));

        // A withdrawn entry cannot be admitted: the refusal words the entry's remark (a Wording) in English as well.
        var yj008 = await app.EntryIdAsync("YJ-008");
        Assert.Equal(HttpStatusCode.OK, (await en.PostAsJsonAsync($"{Base}/entries/{yj008}/eligibility?track=Speech", new { eligibility = "Withdrawn", reason = "选手因病无法参加决赛" })).StatusCode);
        try
        {
            Assert.Equal("YJ-008 (withdrawn: 选手因病无法参加决赛) cannot be admitted or dropped; to bring it back, restore its eligibility first",
                await ErrorAsync(en, $"{Base}/entries/{yj008}/override?track=Speech", new { action = "Admit", reason = "想让它回来" }));
            Assert.StartsWith("YJ-008 已退赛：选手因病无法参加决赛，不能调整入围",
                await ErrorAsync(zh, $"{Base}/entries/{yj008}/override?track=Speech", new { action = "Admit", reason = "想让它回来" }));
        }
        finally
        {
            await en.PostAsJsonAsync($"{Base}/entries/{yj008}/eligibility?track=Speech", new { eligibility = "Eligible" });
        }
    }

    private static async Task<string?> ErrorAsync(HttpClient client, string url, object body)
    {
        var res = await client.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await FinalistsApiTests.Json(res)).GetProperty("error").GetString();
    }
}
