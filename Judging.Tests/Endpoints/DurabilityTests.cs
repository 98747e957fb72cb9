namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;

/// <summary>An acknowledged card survives a kill -9 of the server (real process, real SQLite file or PostgreSQL database).</summary>
[Collection("browser")]
public sealed class DurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_card_is_there_after_a_kill_9_and_restart()
    {
        await using var app = await LiveApp.StartAsync();
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var organiser = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        await SignInOrganiserAsync(organiser, await app.SetupLinkAsync());
        var entryId = app.Scalar("""SELECT "Id" FROM "Entries" WHERE "Code" = 'YJ-036'""");
        foreach (var body in new object[] { new { action = "start" }, new { action = "onstage", entryId }, new { action = "open" } })
            Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync("/api/rounds/1/control", body)).StatusCode);

        var acknowledged = 0;
        foreach (var code in new[] { "PW-02", "PW-03", "PW-04", "PW-05", "PW-06" })
        {
            using var judge = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(app.BaseUrl) };
            await judge.GetAsync($"/j/{app.JudgeCode(code)}");
            var res = await judge.PostAsJsonAsync("/api/scores", new { roundId = 1, entryId, points = new[] { 24m, 20m, 12m, 16m, 8m }, idempotencyKey = Guid.NewGuid().ToString("N") });
            if (res.StatusCode == HttpStatusCode.OK) acknowledged++;
        }
        Assert.Equal(5, acknowledged);

        app.Kill(); // SIGKILL: no graceful shutdown, no flush
        await using var again = await LiveApp.RestartAsync(app);
        using var http = new HttpClient();
        var board = await http.GetFromJsonAsync<JsonElement>($"{again.BaseUrl}/api/rounds/1/leaderboard");
        var row = board.EnumerateArray().Single(r => r.GetProperty("entryId").GetInt64() == entryId);
        Assert.Equal(5, row.GetProperty("judgesSubmitted").GetInt32());
        Assert.Equal(80m, row.GetProperty("score").GetDecimal());
    }

    private static async Task SignInOrganiserAsync(HttpClient client, string setupLink)
    {
        var html = await client.GetStringAsync(setupLink);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var res = await client.PostAsync(setupLink, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "organiser", ["DisplayName"] = "俞琳", ["Password"] = "correct-horse-battery", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/organiser", res.Headers.Location?.OriginalString);

        // The link works once.
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress };
        var again = await other.PostAsync(setupLink, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "intruder", ["DisplayName"] = "x", ["Password"] = "another-password-1", ["__RequestVerificationToken"] = token,
        }));
        Assert.NotEqual("/organiser", again.Headers.Location?.OriginalString);
    }
}
