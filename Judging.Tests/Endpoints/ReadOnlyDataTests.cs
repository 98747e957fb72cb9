namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Judging.Tests.Support;
using Microsoft.Data.Sqlite;

/// <summary>
/// Issue 10, item 11: the data folder becomes read-only (a remount, a full or failing disk). /healthz says Unhealthy,
/// naming what cannot be written; control, code and upload endpoints answer JSON 503 with the cause in Chinese (not a
/// 500 error page); starting without the database's -wal file reports the cause in one line, without a stack trace.
/// </summary>
[Collection("browser")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", TestDatabase.SqliteOnly)] // the database file lives in the data folder
public sealed class ReadOnlyDataTests
{
    /// <summary>An app that ran once (an organiser and a voting secret exist), killed; returns it and the organiser's cookie.</summary>
    private static async Task<(LiveApp App, string Cookie)> RanOnceAsync()
    {
        var app = await LiveApp.StartAsync();
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };
        var link = await app.SetupLinkAsync();
        var html = await http.GetStringAsync(link);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var res = await http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "organiser", ["DisplayName"] = "俞琳", ["Password"] = "correct-horse-battery", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/organiser", res.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/voting/1/code", new { phone = "13955550001" })).StatusCode);
        var cookie = handler.CookieContainer.GetCookies(new Uri(app.BaseUrl))["judging.auth"]!;
        return (app, $"{cookie.Name}={cookie.Value}");
    }

    private static async Task<(HttpStatusCode Status, string? Error, string? Type)> PostAsync(LiveApp app, string cookie, string url, HttpContent body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        req.Headers.Add("Cookie", cookie);
        var res = await http.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        var type = res.Content.Headers.ContentType?.MediaType;
        return (res.StatusCode, type == "application/json" ? JsonDocument.Parse(text).RootElement.GetProperty("error").GetString() : text, type);
    }

    [Fact]
    public async Task On_a_read_only_data_folder_health_is_unhealthy_and_writes_answer_json_503_in_chinese()
    {
        var (first, cookie) = await RanOnceAsync();
        first.Kill(); // -wal and -shm stay, as after a crash
        LiveApp? app = null;
        using (new ReadOnlyFolder(first.DataDir))
        {
            try
            {
                app = await LiveApp.RestartAsync(first, readyPath: "/healthz/live");
                // Start-up said so, in one line.
                Assert.Single(app.Output.Split('\n'), l => l.Contains("不可写"));

                using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
                var health = await http.GetAsync("/healthz");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                var why = await health.Content.ReadAsStringAsync();
                Assert.StartsWith("Unhealthy", why);
                Assert.Contains("数据库不可写", why);

                var control = await PostAsync(app, cookie, "/api/rounds/1/control", JsonContent.Create(new { action = "start" }));
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/json"), (control.Status, control.Type));
                Assert.Contains("数据库为只读", control.Error);

                var code = await PostAsync(app, cookie, "/api/voting/1/code", JsonContent.Create(new { phone = "13955550002" }));
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/json"), (code.Status, code.Type));
                Assert.Contains("数据库为只读", code.Error);

                var film = new ByteArrayContent(File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-001.mp4")));
                film.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
                var entryId = app.Scalar("SELECT Id FROM Entries WHERE Code = 'WDY-001'");
                var upload = await PostAsync(app, cookie, $"/api/films/{entryId}/video", film);
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/json"), (upload.Status, upload.Type));
                Assert.Contains("不可写", upload.Error);
            }
            finally { app?.Kill(); }
        }
        if (app is not null) await app.DisposeAsync();
    }

    [Fact]
    public async Task Starting_on_a_read_only_folder_without_the_wal_file_says_why_in_one_line()
    {
        var (first, _) = await RanOnceAsync();
        first.Kill();
        // The last writer checkpointed and removed the -wal and -shm (a clean stop), then the folder became read-only.
        using (var c = new SqliteConnection($"Data Source={first.DatabasePath}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            cmd.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        File.Delete(first.DatabasePath + "-wal");
        File.Delete(first.DatabasePath + "-shm");
        InvalidOperationException e;
        using (new ReadOnlyFolder(first.DataDir))
            e = await Assert.ThrowsAsync<InvalidOperationException>(() => LiveApp.RestartAsync(first, readyPath: "/healthz/live"));
        var line = Assert.Single(e.Message.Split('\n'), l => l.StartsWith("启动失败", StringComparison.Ordinal));
        Assert.Contains("数据库", line);
        Assert.DoesNotContain("   at ", e.Message);
        Directory.Delete(first.DataDir, true);
    }
}
