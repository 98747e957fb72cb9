namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;

/// <summary>
/// The formal review's JSON actions (issue 12, section 4): <c>POST /api/cases/{entryId}/formal-review/accept|return</c>,
/// on the page's service and authorised like the page: organisers act, a judge gets 403 and nobody signed in gets 401;
/// refusals are 409 with the service's message (English with <c>?culture=en</c>).
/// </summary>
public sealed class FormalReviewApiTests(CasesTestApp app) : IClassFixture<CasesTestApp>
{
    private static readonly string[] AllManual = ["StampedApplication", "UnitLogo", "UnitProfile"];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage res) => JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task An_organiser_returns_a_case_only_with_a_reason_and_it_is_then_returned()
    {
        var organiser = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("AL-003");

        var refused = await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/return", new { ticks = Array.Empty<string>(), reason = " " });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("退回修改必须填写理由，参赛单位会看到这些理由。", (await JsonAsync(refused)).GetProperty("error").GetString());

        var res = await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/return", new { ticks = new[] { "UnitLogo" }, reason = "缺少盖章申报表" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("Returned", (await JsonAsync(res)).GetProperty("status").GetString());
        Assert.Equal("缺少盖章申报表", await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<Judging.Domain.Cases.FormalReviewRecord>().Where(r => r.EntryId == id && r.Action == Judging.Domain.Cases.FormalReviewAction.Return).Select(r => r.Reasons))));

        // Returned: neither accepted nor returned again until the unit resubmits; the refusal in English on request.
        var again = await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/accept?culture=en", new { ticks = AllManual });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("The case was returned for revision and waits for the unit to resubmit.", (await JsonAsync(again)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_organiser_accepts_a_case_whose_checks_pass()
    {
        var organiser = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("AL-002");
        var res = await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/accept", new { ticks = AllManual });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var body = await JsonAsync(res);
        Assert.Equal("Accepted", body.GetProperty("status").GetString());
        Assert.Equal("已通过形式审查。", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Accepting_with_a_failing_check_needs_a_reason_to_accept_anyway()
    {
        var organiser = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("AL-004");
        var refused = await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/accept", new { ticks = new[] { "UnitLogo", "UnitProfile" } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("盖章申报表", (await JsonAsync(refused)).GetProperty("error").GetString());
        var res = await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/accept", new { ticks = new[] { "UnitLogo", "UnitProfile" }, overrideReason = "原件已现场核验" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task Unknown_ticks_are_400_and_unknown_entries_404()
    {
        var organiser = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("AL-006");
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PostAsJsonAsync($"/api/cases/{id}/formal-review/accept", new { ticks = new[] { "FileType" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsJsonAsync("/api/cases/999999/formal-review/return", new { reason = "x" })).StatusCode);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("return")]
    public async Task A_judge_gets_403_and_nobody_signed_in_gets_401(string action)
    {
        var id = await app.EntryIdAsync("AL-008");
        var body = new { ticks = AllManual, reason = "缺少单位简介" };
        var judge = await app.JudgeAsync("PW-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsJsonAsync($"/api/cases/{id}/formal-review/{action}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().PostAsJsonAsync($"/api/cases/{id}/formal-review/{action}", body)).StatusCode);
        Assert.Equal("Submitted", await app.IntakeAsync(async s => (await s.DetailAsync(id, null, default))!.Review.Status.ToString()));
    }
}
