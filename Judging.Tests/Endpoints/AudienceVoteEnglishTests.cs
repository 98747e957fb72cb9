namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;

/// <summary>
/// The venue-vote console's refusals follow the UI culture (issue 12, section 3): through the audience-awards JSON API an
/// organiser reads them in English with <c>?culture=en</c> (a mode's and a track's names included) and in Chinese by default.
/// </summary>
public sealed class AudienceVoteEnglishTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<string> RefusedAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task The_console_refusals_read_in_English_with_culture_en_and_in_Chinese_by_default()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        const string board = "/api/competitions/1/audience-awards";

        Assert.Equal("选票数量须在 1 到 5000 之间", await RefusedAsync(await organiser.PostAsJsonAsync("/api/audience-votes/999999/ballots", new { count = 0 })));
        Assert.Equal("The number of ballots must be between 1 and 5000",
            await RefusedAsync(await organiser.PostAsJsonAsync("/api/audience-votes/999999/ballots?culture=en", new { count = 0 })));
        Assert.Equal("This vote does not exist", await RefusedAsync(await organiser.PostAsync("/api/audience-votes/999999/open?culture=en", null)));

        Assert.Equal("未知的观摩奖项", await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/vote?track=Speech", new { award = "没有这个奖" })));
        Assert.Equal("Unknown audience award",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/vote?track=Speech&culture=en", new { award = "没有这个奖" })));

        var award = (await (await organiser.GetAsync($"{board}?track=Speech")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("awards").EnumerateArray().First().GetProperty("awardName").GetString();
        Assert.Equal("演讲的观摩奖项不能用网络投票评选",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/mode?track=Speech", new { award, mode = "PublicVote" })));
        Assert.Equal("Speech audience awards cannot be decided by this mode: Online public vote",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/mode?track=Speech&culture=en", new { award, mode = "PublicVote" })));
    }

    private static async Task<string> DoneAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task The_rules_refusals_and_the_api_messages_read_in_English_with_culture_en_and_in_Chinese_by_default()
    {
        var id = await AudienceVoteTests.NewCompetitionWithFinalAsync(app.Services);
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var board = $"/api/competitions/{id}/audience-awards";
        const string award = "最具风采奖";

        Assert.Equal("mode must be LiveVote, Designated or PublicVote",
            (await (await organiser.PostAsJsonAsync($"{board}/mode?track=Speech&culture=en", new { award, mode = "Bogus" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("mode 须为 LiveVote、Designated 或 PublicVote",
            (await (await organiser.PostAsJsonAsync($"{board}/mode?track=Speech", new { award, mode = "Bogus" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("Mode set", await DoneAsync(await organiser.PostAsJsonAsync($"{board}/mode?track=Speech&culture=en", new { award, mode = "LiveVote" })));
        Assert.Equal("Already set to Audience vote at the venue",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/mode?track=Speech&culture=en", new { award, mode = "LiveVote" })));
        Assert.Equal("已是现场观众投票", await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/mode?track=Speech", new { award, mode = "LiveVote" })));
        Assert.Equal("This award is not designated by the judges",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/designate?track=Speech&culture=en", new { award, entryId = 1, reason = "理由" })));
        Assert.Equal("本奖项不是评委推选",
            await RefusedAsync(await organiser.PostAsJsonAsync($"{board}/designate?track=Speech", new { award, entryId = 1, reason = "理由" })));

        var created = await organiser.PostAsJsonAsync($"{board}/vote?track=Speech&culture=en", new { award });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Vote created", body.GetProperty("message").GetString());
        var question = body.GetProperty("questionId").GetInt32();
        Assert.Equal("The vote has not started", await RefusedAsync(await organiser.PostAsync($"/api/audience-votes/{question}/close?culture=en", null)));
        Assert.Equal("Vote opened", await DoneAsync(await organiser.PostAsync($"/api/audience-votes/{question}/open?culture=en", null)));
        Assert.Equal("The vote is already open", await RefusedAsync(await organiser.PostAsync($"/api/audience-votes/{question}/open?culture=en", null)));
        Assert.Equal("投票已在进行中", await RefusedAsync(await organiser.PostAsync($"/api/audience-votes/{question}/open", null)));
        Assert.Equal("Close the vote first",
            await RefusedAsync(await organiser.PostAsJsonAsync($"/api/audience-votes/{question}/tie?culture=en", new { entryId = 1, reason = "理由" })));
        Assert.Equal("请先结束投票", await RefusedAsync(await organiser.PostAsJsonAsync($"/api/audience-votes/{question}/tie", new { entryId = 1, reason = "理由" })));
        Assert.Equal("Voting has closed", await DoneAsync(await organiser.PostAsync($"/api/audience-votes/{question}/close?culture=en", null)));
        Assert.Equal("The vote is closed and cannot be reopened", await RefusedAsync(await organiser.PostAsync($"/api/audience-votes/{question}/open?culture=en", null)));
    }
}
