namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The award page's actions as JSON (issue 12, section 4): on the seeded 2025 speech track carried through the final (ties
/// at the finalist cuts and tier boundaries settled, awards not yet confirmed), an organiser sets tier sizes, decides a
/// boundary tie with a reason (which the audit log keeps), confirms, reveals, publishes early, withdraws publication, undoes
/// the confirmation with a reason and commends a recommender, each through its endpoint; a judge gets 403 and an anonymous
/// caller 401 on every one of them.
/// </summary>
public sealed class AwardsApiTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    private static readonly (string Method, string Path, object Body)[] Actions =
    [
        ("PUT", "awards/Speech/tiers", new { quotas = Array.Empty<object>(), finalistsOnly = false }),
        ("POST", "awards/Speech/tier-ties", new { key = "tier:3", resolution = "TieBreak", reason = "按规则" }),
        ("POST", "awards/Speech/confirm", new { }),
        ("POST", "awards/Speech/undo", new { reason = "复核" }),
        ("POST", "awards/Speech/reveal", new { delta = 1 }),
        ("POST", "awards/Speech/publish", new { published = true }),
        ("POST", "commendations/1", new { commend = true, againstProposal = false }),
    ];

    private static HttpRequestMessage Request(int competitionId, string method, string path, object body) =>
        new(new HttpMethod(method), $"/api/competitions/{competitionId}/{path}") { Content = JsonContent.Create(body) };

    private static async Task<string> MessageAsync(HttpResponseMessage res, HttpStatusCode expected)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == expected, $"{(int)res.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        return (json.TryGetProperty("message", out var m) ? m : json.GetProperty("error")).GetString()!;
    }

    [Fact]
    public async Task An_organiser_drives_every_award_action_through_the_api_and_a_judge_or_anonymous_caller_is_refused()
    {
        var scenario = await ResultsData.CompleteSpeechAsync(app.Services, new ResultsPlan { ConfirmAwards = false, Publish = false });
        var id = scenario.CompetitionId;
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        using var judge = await app.JudgeAsync("PW-02");
        using var anonymous = app.Browser();
        foreach (var (method, path, body) in Actions)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request(id, method, path, body))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await judge.SendAsync(Request(id, method, path, body))).StatusCode);
        }

        // Tier sizes: 三等奖 as a count of places, chosen so that the boundary below it falls in a tie (scores in 0.5 steps; the boundary is decided by its key, so an earlier decision may already settle it).
        var view = await ResultsData.LoadAsync(app.Services, id);
        Assert.False(view.AwardsConfirmed);
        string? tieKey = null;
        for (var places = 1; places <= 30 && tieKey is null; places++)
        {
            var tiers = new
            {
                quotas = new object[]
                {
                    new { tier = "First", kind = "Count", value = 3 },
                    new { tier = "Second", kind = "RestOfFinal", value = 0 },
                    new { tier = "Third", kind = "Count", value = places },
                },
                rounding = "Nearest", finalistsOnly = false,
            };
            Assert.Equal("奖项名额已保存", await MessageAsync(await organiser.SendAsync(Request(id, "PUT", "awards/Speech/tiers", tiers)), HttpStatusCode.OK));
            tieKey = (await ResultsData.LoadAsync(app.Services, id)).Outcome!.Tiers.Ties.OrderByDescending(t => t.Upper).FirstOrDefault()?.Key;
        }
        Assert.NotNull(tieKey);
        // An unreadable value is a 400; a tie that does not exist a 409; a decision without a reason a 400.
        await MessageAsync(await organiser.SendAsync(Request(id, "PUT", "awards/Speech/tiers", new { quotas = new[] { new { tier = "Fourth", kind = "Count", value = 1 } } })), HttpStatusCode.BadRequest);
        await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/tier-ties", new { key = "tier:9", resolution = "TieBreak", reason = "x" })), HttpStatusCode.Conflict);
        await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/tier-ties", new { key = tieKey, resolution = "IncludeAll", reason = " " })), HttpStatusCode.BadRequest);

        // The tie, decided with a reason: the decision and the audit log keep it.
        Assert.Equal("同分已决定", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/tier-ties",
            new { key = tieKey, resolution = "IncludeAll", reason = "两个作品同分，组委会决定均授三等奖" })), HttpStatusCode.OK));
        Assert.Equal("两个作品同分，组委会决定均授三等奖", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "奖项边界同分：并列取高")
            .OrderByDescending(a => a.Id).Select(a => a.Reason).FirstAsync()));
        Assert.Equal(Judging.Domain.Finalists.TieResolution.IncludeAll,
            (await ResultsData.LoadAsync(app.Services, id)).Outcome!.Tiers.Ties.Single(t => t.Key == tieKey).Resolution);
        // Any other boundary left open by the new sizes: all take the higher tier.
        while ((await ResultsData.LoadAsync(app.Services, id)).Outcome!.Tiers.Ties.FirstOrDefault(t => !t.Resolved) is { } open)
            await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/tier-ties", new { key = open.Key, resolution = "IncludeAll", reason = "并列取高" })), HttpStatusCode.OK);

        // Confirm, reveal one, publish (refused while the reveal is unfinished, then early), withdraw, undo with a reason.
        Assert.Equal("获奖名单已确认", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/confirm", new { })), HttpStatusCode.OK));
        Assert.Equal("获奖名单已确认", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/confirm", new { })), HttpStatusCode.Conflict));
        await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/tier-ties", new { key = tieKey, resolution = "ExcludeAll", reason = "改" })), HttpStatusCode.Conflict);
        Assert.Equal("已揭晓下一个", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/reveal", new { delta = 1, seenStep = 0 })), HttpStatusCode.OK));
        Assert.Contains("请勿重复点击", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/reveal", new { delta = 1, seenStep = 0 })), HttpStatusCode.Conflict));
        Assert.Contains("颁奖揭晓尚未完成", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/publish", new { published = true })), HttpStatusCode.Conflict));
        Assert.Equal("结果已发布", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/publish", new { published = true, early = true })), HttpStatusCode.OK));
        Assert.True((await ResultsData.LoadAsync(app.Services, id)).Published);
        Assert.Equal("已撤回发布", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/publish", new { published = false })), HttpStatusCode.OK));
        Assert.Equal("撤销确认须填写理由", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/undo", new { reason = "" })), HttpStatusCode.Conflict));
        Assert.Equal("已撤销确认", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "awards/Speech/undo", new { reason = "决赛评分复核" })), HttpStatusCode.OK));
        var after = await ResultsData.LoadAsync(app.Services, id);
        Assert.False(after.AwardsConfirmed);
        Assert.Equal(0, after.Settings.RevealStep);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "撤销确认获奖名单：决赛评分复核")));

        // A recommender's commendation, with a note.
        var recommender = await app.WithDbAsync(db => db.Recommenders.Where(r => r.CompetitionId == id).Select(r => r.Id).FirstAsync());
        Assert.Equal("已确认表扬", await MessageAsync(await organiser.SendAsync(Request(id, "POST", $"commendations/{recommender}",
            new { commend = true, reason = "组织推荐工作扎实", againstProposal = false })), HttpStatusCode.OK));
        Assert.Equal("推荐单位不存在", await MessageAsync(await organiser.SendAsync(Request(id, "POST", "commendations/999999",
            new { commend = true, againstProposal = false })), HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task The_award_actions_are_described_in_openapi_under_their_tag()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var doc = JsonDocument.Parse(await organiser.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        var post = doc.GetProperty("/api/competitions/{id}/awards/{track}/tier-ties").GetProperty("post");
        Assert.Equal("Awards", post.GetProperty("tags")[0].GetString());
        Assert.Contains("reason", post.GetProperty("summary").GetString());
        Assert.True(doc.TryGetProperty("/api/competitions/{id}/awards/{track}/tiers", out _));
    }
}
