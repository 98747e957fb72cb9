namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Judging.Tests.Endpoints.FinalistsApiTests;

/// <summary>
/// The audience awards page's actions as JSON (issue 12, section 4): modes, the venue vote from creation to its closed tally,
/// ballot cards, the judges' designation; checked through the board and tally GETs; refused to judges and anonymous callers.
/// </summary>
public sealed class AudienceVotingApiTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    private const string Board = "/api/competitions/1/audience-awards";

    [Fact]
    public async Task An_organiser_runs_the_audience_awards_by_script()
    {
        var finalRound = await ResultsData.ConfirmFinalistsAsync(app.Services, 1);
        using var organiser = await ResultsData.OrganiserClientAsync(app);

        var board = await Json(await organiser.GetAsync($"{Board}?track=Speech"));
        Assert.Equal(finalRound, board.GetProperty("finalRoundId").GetInt32());
        Assert.All(board.GetProperty("awards").EnumerateArray(), a => Assert.Equal(System.Text.Json.JsonValueKind.Null, a.GetProperty("mode").ValueKind));

        // 最具风采奖 by the audience at the venue: mode, vote, assurance, cards, open, close.
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"{Board}/mode?track=Speech", new { award = "最具风采奖", mode = "Lottery" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Board}/vote?track=Speech", new { award = "最具风采奖" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Board}/mode?track=Speech", new { award = "最具风采奖", mode = "LiveVote" })).StatusCode);
        var created = await Json(await organiser.PostAsJsonAsync($"{Board}/vote?track=Speech", new { award = "最具风采奖", assurance = "DeviceCookie" }));
        var questionId = created.GetProperty("questionId").GetInt32();
        var award = (await Json(await organiser.GetAsync($"{Board}?track=Speech"))).GetProperty("awards").EnumerateArray().Single(a => a.GetProperty("awardName").GetString() == "最具风采奖");
        Assert.Equal("LiveVote", award.GetProperty("mode").GetString());
        Assert.Equal("NotOpened", award.GetProperty("questionStatus").GetString());
        Assert.Equal("DeviceCookie", award.GetProperty("assurance").GetString());

        var vote = $"/api/audience-votes/{questionId}";
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{vote}/ballots", new { count = 5 })).StatusCode); // not a ballot-code vote
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{vote}/assurance", new { assurance = "BallotCode" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{vote}/ballots", new { count = 5 })).StatusCode);
        Assert.Equal(5, await app.WithDbAsync(db => db.Set<Judging.Domain.VenueVoting.AudienceBallot>().CountAsync(b => b.QuestionId == questionId)));
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"{vote}/open", null)).StatusCode);
        Assert.Equal("Open", (await Json(await organiser.GetAsync(vote))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{vote}/assurance", new { assurance = "Phone" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"{vote}/close", null)).StatusCode);
        var tally = await Json(await organiser.GetAsync(vote));
        Assert.Equal("Closed", tally.GetProperty("status").GetString());
        Assert.Equal("NoVotes", tally.GetProperty("verdict").GetString());
        var finalist = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == finalRound).OrderBy(x => x.Position).Select(x => x.EntryId).FirstAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{vote}/tie", new { entryId = finalist, reason = "并列" })).StatusCode);

        // 最佳演绎奖 designated by the judges, with a reason, among the finalists.
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Board}/mode?track=Speech", new { award = "最佳演绎奖", mode = "Designated" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PostAsJsonAsync($"{Board}/designate?track=Speech", new { award = "最佳演绎奖", entryId = finalist, reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"{Board}/designate?track=Speech", new { award = "最佳演绎奖", entryId = finalist, reason = "评委会一致推选" })).StatusCode);
        var standing = (await Json(await organiser.GetAsync($"{Board}?track=Speech"))).GetProperty("awards").EnumerateArray()
            .Single(a => a.GetProperty("awardName").GetString() == "最佳演绎奖").GetProperty("standing");
        Assert.Equal(finalist, standing.GetProperty("entryId").GetInt32());
        Assert.True(standing.GetProperty("decided").GetBoolean());

        using var judge = await app.JudgeAsync("PW-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsync($"{vote}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsJsonAsync($"{Board}/mode?track=Speech", new { award = "最具风采奖", mode = "Designated" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().GetAsync($"{Board}?track=Speech")).StatusCode);
    }
}
