namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.App.LiveRounds;
using Judging.Domain.Competitions;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The running order as JSON (issue 12, section 4): the organiser reads it and draws it again before the round starts, on the
/// console's own service; judges and anonymous callers are refused; after the start the draw is refused in the caller's
/// language.
/// </summary>
public sealed class RunningOrderApiTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> SpeechRoundAsync(int skip) =>
        app.WithDbAsync(db => db.Rounds.Where(r => r.Track == Track.Speech).OrderBy(r => r.Id).Skip(skip).Select(r => r.Id).FirstAsync());

    [Fact]
    public async Task The_organiser_reads_the_running_order_and_a_draw_keeps_the_same_entries_in_positions_1_to_n()
    {
        var round = await SpeechRoundAsync(1);
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var before = await organiser.GetFromJsonAsync<JsonElement>($"/api/rounds/{round}/running-order");
        var lines = before.GetProperty("lines").EnumerateArray().ToList();
        Assert.True(lines.Count > 1);
        Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.GetProperty("position").GetInt32()));

        var draw = await organiser.PostAsync($"/api/rounds/{round}/running-order/draw", null);
        Assert.Equal(HttpStatusCode.OK, draw.StatusCode);
        var after = (await draw.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count), after.Select(l => l.GetProperty("position").GetInt32()));
        Assert.Equal(lines.Select(l => l.GetProperty("entryId").GetInt32()).Order(), after.Select(l => l.GetProperty("entryId").GetInt32()).Order());
        // The stored order is the one answered, and the draw is audited like the console's.
        var stored = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == round).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());
        Assert.Equal(stored, after.Select(l => l.GetProperty("entryId").GetInt32()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "抽签确定出场顺序" && a.Subject == $"轮次 {round}")));
    }

    [Fact]
    public async Task Judges_and_anonymous_callers_may_neither_read_nor_draw()
    {
        var round = await SpeechRoundAsync(2);
        using var judge = await app.JudgeAsync("PW-02");
        using var anonymous = app.Browser();
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.GetAsync($"/api/rounds/{round}/running-order")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsync($"/api/rounds/{round}/running-order/draw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/rounds/{round}/running-order")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/rounds/{round}/running-order/draw", null)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "抽签确定出场顺序" && a.Subject == $"轮次 {round}")));
    }

    [Fact]
    public async Task After_the_start_the_draw_is_refused_with_409_in_Chinese_or_in_English_and_the_order_stays()
    {
        var round = await SpeechRoundAsync(3);
        using (var scope = app.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<RoundConsole>().StartAsync(round, "test", default));
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var order = await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == round).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync());

        var zh = await organiser.PostAsync($"/api/rounds/{round}/running-order/draw", null);
        Assert.Equal(HttpStatusCode.Conflict, zh.StatusCode);
        Assert.Equal("比赛开始后不能重新抽签", (await zh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var en = await organiser.PostAsync($"/api/rounds/{round}/running-order/draw?culture=en", null);
        Assert.Equal(HttpStatusCode.Conflict, en.StatusCode);
        Assert.Equal("The running order cannot be drawn again once the round has started",
            (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostAsync("/api/rounds/999999/running-order/draw", null)).StatusCode);
        Assert.Equal(order, await app.WithDbAsync(db => db.RoundEntries.Where(x => x.RoundId == round).OrderBy(x => x.Position).Select(x => x.EntryId).ToListAsync()));
    }

    [Fact]
    public async Task The_print_pages_of_judge_cards_and_running_order_read_in_English_on_culture_en()
    {
        var round = await SpeechRoundAsync(0);
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var order = await organiser.GetStringAsync($"/organiser/rounds/{round}/order?culture=en");
        Assert.Contains("<th>Entry code</th>", order);
        Assert.Contains(": running order</h1>", order);
        Assert.DoesNotContain("出场顺序", order);
        var cards = await organiser.GetStringAsync("/organiser/judges/1?culture=en");
        Assert.Contains("Judge sign-in cards", cards);
        Assert.Contains("Sign-in code <strong>", cards);
        Assert.DoesNotContain("登录码", cards);
        Assert.Contains("登录码 <strong>", await organiser.GetStringAsync("/organiser/judges/1"));
    }

    [Fact]
    public async Task The_endpoints_are_described_in_the_OpenAPI_document()
    {
        using var organiser = await ResultsData.OrganiserClientAsync(app);
        var doc = await organiser.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/rounds/{id}/running-order/draw", out var draw), string.Join(", ", paths.EnumerateObject().Select(p => p.Name)));
        Assert.Contains("出场顺序抽签", draw.GetProperty("post").GetProperty("summary").GetString());
    }
}
