namespace Judging.Tests.Endpoints;

using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Judging.App.Accounts;
using Judging.App.Films;
using Judging.App.Uploads;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The tus 1.0 server under <c>/api/uploads</c> and its <c>film</c> target (issue 15, "Large files survive a bad
/// connection"): creation, PATCH in parts, offsets, a cut connection resumed, limits, early sniffing, ownership,
/// termination and expiry. The film limit is 1 MiB here (<see cref="FilmTestApp"/>).
/// </summary>
public sealed class FilmUploadTusTests(FilmTestApp app) : IClassFixture<FilmTestApp>
{
    private static readonly byte[] SeedFilm = File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-001.mp4"));

    /// <summary>
    /// A valid MP4 of exactly <paramref name="size"/> bytes: the seed film followed by a <c>free</c> box of zeros (an MP4
    /// reader skips it), so it sniffs as MP4 whatever its length.
    /// </summary>
    internal static byte[] PaddedFilm(int size)
    {
        var bytes = new byte[size];
        SeedFilm.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(SeedFilm.Length), (uint)(size - SeedFilm.Length));
        "free"u8.CopyTo(bytes.AsSpan(SeedFilm.Length + 4));
        return bytes;
    }

    private static string Meta(int entryId, string target = "film") =>
        $"target {B64(target)},entryId {B64(entryId.ToString(System.Globalization.CultureInfo.InvariantCulture))},filename {B64("品质之光.mp4")}";

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static HttpRequestMessage Tus(HttpMethod method, string url)
    {
        var req = new HttpRequestMessage(method, url);
        req.Headers.Add("Tus-Resumable", "1.0.0");
        return req;
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, long length, string metadata)
    {
        var req = Tus(HttpMethod.Post, "/api/uploads");
        req.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        req.Headers.Add("Upload-Metadata", metadata);
        return await client.SendAsync(req);
    }

    private async Task<string> CreatedAsync(HttpClient client, long length, int entryId)
    {
        var res = await CreateAsync(client, length, Meta(entryId));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return res.Headers.Location!.OriginalString;
    }

    private static HttpRequestMessage Patch(string url, long offset, HttpContent body)
    {
        var req = Tus(HttpMethod.Patch, url);
        req.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        req.Content = body;
        return req;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, long offset, byte[] bytes) =>
        client.SendAsync(Patch(url, offset, new ByteArrayContent(bytes)));

    private static async Task<HttpResponseMessage> HeadAsync(HttpClient client, string url) => await client.SendAsync(Tus(HttpMethod.Head, url));

    private static long Header(HttpResponseMessage res, string name) => long.Parse(res.Headers.GetValues(name).Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ErrorAsync(HttpResponseMessage res) =>
        JsonNode.Parse(await res.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();

    private Task<FilmAsset?> AssetAsync(int entryId) => app.WithDbAsync(db => db.Set<FilmAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.EntryId == entryId));

    private UploadStore Store => app.Services.GetRequiredService<UploadStore>();

    private string[] UploadFiles(string url) => Directory.GetFiles(Store.Folder, url.Split('/')[^1] + ".*");

    /// <summary>A second organiser, signed in: owns nothing of the first one's uploads.</summary>
    private async Task<HttpClient> OtherOrganiserAsync()
    {
        const string password = "tus-other-organiser-1";
        await app.WithDbAsync(async db =>
        {
            if (await db.Users.AnyAsync(u => u.UserName == "tus-organiser-2")) return 0;
            var user = new UserAccount { UserName = "tus-organiser-2", DisplayName = "第二组织者", PasswordHash = "", Role = Roles.Organiser, CreatedAt = DateTimeOffset.UtcNow };
            user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, password);
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        var client = app.Browser();
        var html = await client.GetStringAsync("/login");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var res = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "tus-organiser-2", ["Password"] = password, ["ReturnUrl"] = "/organiser", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/organiser", res.Headers.Location?.OriginalString);
        return client;
    }

    [Fact]
    public async Task Options_announces_tus_1_0_0_its_extensions_and_the_largest_size()
    {
        using var anon = app.CreateClient();
        var res = await anon.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/uploads"));
        Assert.Equal(HttpStatusCode.NoContent, res.StatusCode);
        Assert.Equal("1.0.0", res.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("1.0.0", res.Headers.GetValues("Tus-Resumable").Single());
        Assert.Equal("creation,termination,expiration", res.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal(1L << 30, Header(res, "Tus-Max-Size")); // default 1 GiB = 1,073,741,824 bytes
    }

    [Fact]
    public async Task A_film_uploaded_in_three_parts_with_head_between_is_stored_through_the_film_path()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-002");
        var film = PaddedFilm(300_000);
        var created = await CreateAsync(org, film.Length, Meta(id));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        Assert.Matches("^/api/uploads/[0-9a-f]{32}$", url);
        var expires = DateTimeOffset.Parse(created.Headers.GetValues("Upload-Expires").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24)); // ExpiryHours default 24

        var head = await HeadAsync(org, url);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(0, Header(head, "Upload-Offset"));
        Assert.Equal(300_000, Header(head, "Upload-Length"));
        Assert.True(head.Headers.CacheControl?.NoStore);

        // 300,000 bytes in parts of 100,000: offsets 0 → 100,000 → 200,000 → 300,000.
        for (var part = 0; part < 3; part++)
        {
            var offset = part * 100_000L;
            Assert.Equal(offset, Header(await HeadAsync(org, url), "Upload-Offset"));
            var res = await PatchAsync(org, url, offset, film[(int)offset..(int)(offset + 100_000)]);
            Assert.Equal(part < 2 ? HttpStatusCode.NoContent : HttpStatusCode.OK, res.StatusCode);
            Assert.Equal(offset + 100_000, Header(res, "Upload-Offset"));
            if (part == 2)
            {
                var json = JsonNode.Parse(await res.Content.ReadAsStringAsync())!;
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(film)), json["sha256"]!.GetValue<string>());
                Assert.Equal(300_000, json["sizeBytes"]!.GetValue<long>());
                Assert.Equal($"/media/films/{id}/video", json["videoUrl"]!.GetValue<string>());
            }
        }
        var asset = await AssetAsync(id);
        Assert.Equal(300_000, asset!.SizeBytes);
        Assert.StartsWith("组织者 ", asset.UploadedBy);
        using var anon = app.CreateClient();
        Assert.Equal(film, await anon.GetByteArrayAsync($"/media/films/{id}/video"));
        // Done: the upload is gone.
        Assert.Empty(UploadFiles(url));
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync(org, url)).StatusCode);
    }

    [Fact]
    public async Task A_patch_at_the_wrong_offset_is_409_and_changes_nothing()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-003");
        var film = PaddedFilm(50_000);
        var url = await CreatedAsync(org, film.Length, id);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(org, url, 0, film[..10_000])).StatusCode);
        // The server has 10,000 bytes; the client claims 20,000 (or 0, a stale retry).
        var ahead = await PatchAsync(org, url, 20_000, film[20_000..30_000]);
        Assert.Equal(HttpStatusCode.Conflict, ahead.StatusCode);
        Assert.Equal(10_000, Header(ahead, "Upload-Offset"));
        Assert.Equal("上传位置不一致：服务器已有 10000 字节。", await ErrorAsync(ahead));
        Assert.Equal(HttpStatusCode.Conflict, (await PatchAsync(org, url, 0, film[..10_000])).StatusCode);
        Assert.Equal(10_000, Header(await HeadAsync(org, url), "Upload-Offset"));
        Assert.Null(await AssetAsync(id));
    }

    /// <summary>
    /// A request body that sends <c>cutAfter</c> bytes of <c>bytes</c>, then fails like a dropped connection: it cancels
    /// <c>cut</c> (the request's token, so the test server aborts the request as Kestrel does on a reset) and throws.
    /// </summary>
    private sealed class CutContent(byte[] bytes, int cutAfter, CancellationTokenSource cut) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var sent = 0; sent < cutAfter; sent += 8192)
            {
                await stream.WriteAsync(bytes.AsMemory(sent, Math.Min(8192, cutAfter - sent)));
                await stream.FlushAsync();
            }
            await Task.Delay(200); // the server has read what was sent
            await cut.CancelAsync();
            throw new IOException("connection reset (test)");
        }

        protected override bool TryComputeLength(out long length) { length = -1; return false; }
    }

    [Fact]
    public async Task A_cut_connection_keeps_what_arrived_head_tells_the_offset_and_the_rest_completes_the_film_once()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-004");
        var film = PaddedFilm(600_000);
        var url = await CreatedAsync(org, film.Length, id);

        // One PATCH of the whole file, cut after 360,000 bytes (60 %).
        using var cut = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<Exception>(() => org.SendAsync(Patch(url, 0, new CutContent(film, 360_000, cut)), cut.Token));
        long offset = -1;
        for (var i = 0; i < 50; i++)
        {
            var head = await HeadAsync(org, url);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            offset = Header(head, "Upload-Offset");
            if (offset == 360_000) break;
            await Task.Delay(100);
        }
        Assert.Equal(360_000, offset); // every byte that arrived before the cut, written through

        HttpResponseMessage rest;
        var tries = 0;
        do rest = await PatchAsync(org, url, offset, film[(int)offset..]);
        while (rest.StatusCode == HttpStatusCode.Locked && ++tries < 20 && await Task.Delay(100).ContinueWith(_ => true));
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(600_000, Header(rest, "Upload-Offset"));

        var asset = await AssetAsync(id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(film)), asset!.Sha256);
        Assert.Equal(600_000, asset.SizeBytes);
        var stored = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Subject == $"entry:{id}"));
        Assert.Equal(1, stored); // one 上传微电影视频, not two
        using var anon = app.CreateClient();
        Assert.Equal(film, await anon.GetByteArrayAsync($"/media/films/{id}/video"));
    }

    [Fact]
    public async Task Bytes_past_the_upload_length_or_a_length_past_the_film_limit_are_refused_with_413()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-005");
        // Over the film limit (1 MiB here) at creation.
        var big = await CreateAsync(org, FilmTestApp.MaxBytes + 1, Meta(id));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("文件超过 1 MB 上限。", await ErrorAsync(big));

        var film = PaddedFilm(40_000);
        var url = await CreatedAsync(org, film.Length, id);
        var declared = await PatchAsync(org, url, 0, [.. film, 0]); // 40,001 bytes for 40,000 announced
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("发送的数据超过了声明的文件大小（Upload-Length）。", await ErrorAsync(declared));

        // Chunked, no Content-Length: the copy stops at the first byte over, and nothing of that PATCH stays.
        var req = Patch(url, 0, new StreamContent(new MemoryStream([.. film, 0, 0])));
        req.Headers.TransferEncodingChunked = true;
        var streamed = await org.SendAsync(req);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(0, Header(await HeadAsync(org, url), "Upload-Offset"));
        Assert.Null(await AssetAsync(id));
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_refused_at_its_first_patch_and_deleted()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-006");
        var text = Encoding.UTF8.GetBytes("这只是一个改了扩展名的文本文件。\n" + new string('x', 900_000));
        var url = await CreatedAsync(org, text.Length, id);
        // The first part of 65,536 bytes already shows it (the first 4,096 are sniffed): 415, not after 900 KB.
        var res = await PatchAsync(org, url, 0, text[..65_536]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, res.StatusCode);
        Assert.Equal("只接受 MP4、MOV 或 WebM 视频（按文件内容识别，不看扩展名）", await ErrorAsync(res));
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync(org, url)).StatusCode);
        Assert.Empty(UploadFiles(url));
        Assert.Null(await AssetAsync(id));
    }

    [Fact]
    public async Task Another_users_upload_is_404_a_judge_is_refused_and_anonymous_is_401()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-007");
        var film = PaddedFilm(40_000);
        var url = await CreatedAsync(org, film.Length, id);

        using var other = await OtherOrganiserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync(other, url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(other, url, 0, film)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(Tus(HttpMethod.Delete, url))).StatusCode);
        Assert.Equal(0, Header(await HeadAsync(org, url), "Upload-Offset")); // untouched

        var judgeCode = await app.WithDbAsync(db => db.Judges.Select(j => j.Code).FirstAsync());
        using var judge = await app.JudgeAsync(judgeCode);
        var refused = await CreateAsync(judge, film.Length, Meta(id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("只有组织者可以上传视频。", await ErrorAsync(refused));
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync(judge, url)).StatusCode);

        using var anon = app.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await CreateAsync(anon, film.Length, Meta(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await HeadAsync(anon, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PatchAsync(anon, url, 0, film)).StatusCode);

        // Another origin, a missing protocol header, an unknown target, a speech entry.
        var evil = Tus(HttpMethod.Head, url);
        evil.Headers.Add("Origin", "http://evil.localhost");
        Assert.Equal(HttpStatusCode.Forbidden, (await org.SendAsync(evil)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await org.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await CreateAsync(org, 10, Meta(id, "nothing"))).StatusCode);
        var speech = await CreateAsync(org, 10, Meta(await app.EntryIdAsync("YJ-001")));
        Assert.Equal(HttpStatusCode.BadRequest, speech.StatusCode);
        Assert.Equal("只有微电影作品可以上传视频。", await ErrorAsync(speech));
    }

    [Fact]
    public async Task Delete_removes_the_upload_and_its_data()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-008");
        var film = PaddedFilm(40_000);
        var url = await CreatedAsync(org, film.Length, id);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(org, url, 0, film[..20_000])).StatusCode);
        Assert.Equal(20_000, new FileInfo(Store.DataPath(url.Split('/')[^1])).Length);

        Assert.Equal(HttpStatusCode.NoContent, (await org.SendAsync(Tus(HttpMethod.Delete, url))).StatusCode);
        Assert.Empty(UploadFiles(url));
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync(org, url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(org, url, 20_000, film[20_000..])).StatusCode);
        Assert.Null(await AssetAsync(id));
    }

    [Fact]
    public async Task An_abandoned_upload_is_swept_after_the_expiry_and_a_recent_one_stays()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-009");
        var film = PaddedFilm(40_000);
        var url = await CreatedAsync(org, film.Length, id);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(org, url, 0, film[..10_000])).StatusCode);
        var info = await Store.ReadAsync(url.Split('/')[^1], default);

        // 23 hours after the last PATCH it stays; 24 hours after (ExpiryHours 24), it goes.
        Assert.Equal(0, await Store.SweepAsync(info!.ExpiresAt.AddHours(-1), default));
        Assert.Equal(20_000 / 2, Header(await HeadAsync(org, url), "Upload-Offset"));
        Assert.True(await Store.SweepAsync(info.ExpiresAt, default) >= 1);
        Assert.Empty(UploadFiles(url));
        Assert.Equal(HttpStatusCode.NotFound, (await HeadAsync(org, url)).StatusCode);
        // The sweeper's own pass (the app's clock, now) keeps a fresh upload.
        var fresh = await CreatedAsync(org, film.Length, id);
        await app.Services.GetRequiredService<UploadSweeper>().SweepOnceAsync(default);
        Assert.Equal(HttpStatusCode.OK, (await HeadAsync(org, fresh)).StatusCode);
    }
    [Fact]
    public async Task A_process_killed_between_the_last_byte_and_storing_resends_one_byte_and_stores_the_film()
    {
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-010");
        var film = PaddedFilm(40_000);
        var url = await CreatedAsync(org, film.Length, id);
        // The data file holds every byte but the film was never stored (the process died before the target ran).
        await File.WriteAllBytesAsync(Store.DataPath(url.Split('/')[^1]), film);
        var head = await HeadAsync(org, url);
        Assert.Equal(39_999, Header(head, "Upload-Offset")); // 40,000 − 1: the client sends the last byte again
        var last = await PatchAsync(org, url, 39_999, film[39_999..]);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(film)), (await AssetAsync(id))!.Sha256);
    }

    [Theory]
    [InlineData("target ZmlsbQ==,entryId MTI=,flag", "film|12|")]      // "film", "12", an empty value
    [InlineData("", "||")]
    [InlineData("target not-base64!", null)]
    [InlineData("target ZmlsbQ==,target ZmlsbQ==", null)]               // a repeated key
    public void Upload_metadata_is_parsed_as_tus_says_and_malformed_headers_are_refused(string header, string? expected)
    {
        var m = UploadMetadata.Parse(header);
        Assert.Equal(expected, m is null ? null : $"{m.Target}|{m["entryId"]}|{m["flag"]}");
        if (m is { Target: not null }) Assert.Equal(m.Values, UploadMetadata.Parse(m.ToHeader())!.Values);
    }
}
