namespace Judging.Tests.Endpoints;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Judging.App.Films;
using Judging.Domain.Scoring;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app seeded without scores (films have entries but no videos), a 1 MiB film limit and no ffmpeg.</summary>
public sealed class FilmTestApp : TestApp
{
    /// <summary>The film limit these tests use (1 MiB).</summary>
    public const long MaxBytes = 1 << 20;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Judging:Films:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Judging:Films:Ffmpeg"] = "none",
        }));
    }
}

/// <summary>Upload, checks and playback of film videos (issue 4, "Films").</summary>
public sealed class FilmUploadTests(FilmTestApp app) : IClassFixture<FilmTestApp>
{
    private static readonly byte[] SeedFilm = File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-001.mp4"));

    private static ByteArrayContent Raw(byte[] bytes, string type = "video/mp4")
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue(type);
        return c;
    }

    private async Task<HttpClient> OrganiserAsync() => await ResultsData.OrganiserClientAsync(app);

    private Task<FilmAsset?> AssetAsync(int entryId) => app.WithDbAsync(db => db.Set<FilmAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.EntryId == entryId));

    private static async Task<string> ErrorAsync(HttpResponseMessage res) =>
        JsonNode.Parse(await res.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();

    [Fact]
    public async Task A_valid_mp4_is_stored_recorded_and_plays_back_whole()
    {
        using var org = await OrganiserAsync();
        var id = await app.EntryIdAsync("WDY-002");
        var res = await org.PostAsync($"/api/films/{id}/video", Raw(SeedFilm, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var json = JsonNode.Parse(await res.Content.ReadAsStringAsync())!;
        Assert.Equal("video/mp4", json["contentType"]!.GetValue<string>());
        Assert.Equal(SeedFilm.Length, json["sizeBytes"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(SeedFilm)), json["sha256"]!.GetValue<string>());
        Assert.Equal($"/media/films/{id}/video", json["videoUrl"]!.GetValue<string>());

        var asset = await AssetAsync(id);
        Assert.NotNull(asset);
        Assert.Equal(SeedFilm.Length, asset.SizeBytes);
        Assert.StartsWith("组织者 ", asset.UploadedBy);

        using var anon = app.CreateClient();
        var play = await anon.GetAsync($"/media/films/{id}/video");
        Assert.Equal(HttpStatusCode.OK, play.StatusCode);
        Assert.Equal("video/mp4", play.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SeedFilm, await play.Content.ReadAsByteArrayAsync());
        Assert.Contains("bytes", play.Headers.AcceptRanges);
        Assert.NotNull(play.Headers.ETag);
        Assert.NotNull(play.Content.Headers.LastModified);
        Assert.True(play.Headers.CacheControl?.Public);

        // Revalidation: the ETag gives 304.
        var again = new HttpRequestMessage(HttpMethod.Get, $"/media/films/{id}/video");
        again.Headers.IfNoneMatch.Add(play.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anon.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_multipart_upload_is_read_as_a_stream_too_and_downloads_under_unit_plus_title()
    {
        using var org = await OrganiserAsync();
        var id = await app.EntryIdAsync("WDY-003");
        using var form = new MultipartFormDataContent { { Raw(SeedFilm), "file", "随便起的名字.txt" } };
        var res = await org.PostAsync($"/api/films/{id}/video", form);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(SeedFilm.Length, (await AssetAsync(id))!.SizeBytes);

        using var anon = app.CreateClient();
        var dl = await anon.GetAsync($"/media/films/{id}/video?download=1");
        var entry = await app.WithDbAsync(db => db.Entries.Where(e => e.Id == id).Join(db.Units, e => e.UnitId, u => u.Id, (e, u) => new { e.Title, Unit = u.Name }).SingleAsync());
        Assert.Equal($"{entry.Unit}+{entry.Title}.mp4", dl.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task A_text_file_named_mp4_is_refused_with_415_and_the_chinese_message()
    {
        using var org = await OrganiserAsync();
        var id = await app.EntryIdAsync("WDY-004");
        using var form = new MultipartFormDataContent { { Raw(Encoding.UTF8.GetBytes("这只是一个改了扩展名的文本文件。\n" + new string('x', 5000))), "file", "WDY-004.mp4" } };
        var res = await org.PostAsync($"/api/films/{id}/video", form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, res.StatusCode);
        Assert.Equal("只接受 MP4、MOV 或 WebM 视频（按文件内容识别，不看扩展名）", await ErrorAsync(res));
        Assert.Null(await AssetAsync(id));
        Assert.Empty(Directory.GetFiles(FolderOf(), ".upload-*"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_not()
    {
        using var org = await OrganiserAsync();
        var id = await app.EntryIdAsync("WDY-005");
        var big = new byte[FilmTestApp.MaxBytes + 1];
        SeedFilm.AsSpan(0, 4096).CopyTo(big);

        var declared = await org.PostAsync($"/api/films/{id}/video", Raw(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("视频文件超过 1 GB 上限", await ErrorAsync(declared));

        // Chunked, no Content-Length: the copy stops at the first byte over the limit.
        var chunked = new StreamContent(new MemoryStream(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/films/{id}/video") { Content = chunked };
        req.Headers.TransferEncodingChunked = true;
        var streamed = await org.SendAsync(req);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal("视频文件超过 1 GB 上限", await ErrorAsync(streamed));
        Assert.Null(await AssetAsync(id));
        Assert.Empty(Directory.GetFiles(FolderOf(), ".upload-*"));

        // Exactly at the limit is fine.
        var exact = await org.PostAsync($"/api/films/{id}/video", Raw(big[..(int)FilmTestApp.MaxBytes]));
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
    }

    [Fact]
    public async Task A_range_request_answers_206_with_content_range_and_those_bytes()
    {
        using var org = await OrganiserAsync();
        var id = await app.EntryIdAsync("WDY-006");
        Assert.Equal(HttpStatusCode.OK, (await org.PostAsync($"/api/films/{id}/video", Raw(SeedFilm))).StatusCode);

        using var anon = app.CreateClient();
        var req = new HttpRequestMessage(HttpMethod.Get, $"/media/films/{id}/video");
        req.Headers.Range = new RangeHeaderValue(1000, 1999);
        var res = await anon.SendAsync(req);
        Assert.Equal(HttpStatusCode.PartialContent, res.StatusCode);
        Assert.Equal($"bytes 1000-1999/{SeedFilm.Length}", res.Content.Headers.ContentRange?.ToString());
        Assert.Equal(SeedFilm[1000..2000], await res.Content.ReadAsByteArrayAsync());

        var tail = new HttpRequestMessage(HttpMethod.Get, $"/media/films/{id}/video");
        tail.Headers.Range = new RangeHeaderValue(null, 100);
        var last = await anon.SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, last.StatusCode);
        Assert.Equal(SeedFilm[^100..], await last.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_a_video_the_video_is_404_and_the_poster_is_an_svg_placeholder_with_the_title()
    {
        var id = await app.EntryIdAsync("WDY-030");
        var title = await app.WithDbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync());
        using var anon = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/media/films/{id}/video")).StatusCode);
        var poster = await anon.GetAsync($"/media/films/{id}/poster");
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal("image/svg+xml", poster.Content.Headers.ContentType?.MediaType);
        var svg = await poster.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg);
        Assert.Contains(title.Length > PosterPlaceholder.LineLength ? title[..PosterPlaceholder.LineLength] : title, svg);
        Assert.Contains("Noto Sans CJK SC", svg);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/media/films/999999/poster")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_and_judge_uploads_are_refused_and_nothing_is_stored()
    {
        var id = await app.EntryIdAsync("WDY-007");
        using var anon = app.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsync($"/api/films/{id}/video", Raw(SeedFilm))).StatusCode);
        var judgeCode = await app.WithDbAsync(db => db.Judges.Select(j => j.Code).FirstAsync());
        using var judge = await app.JudgeAsync(judgeCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.PostAsync($"/api/films/{id}/video", Raw(SeedFilm))).StatusCode);
        Assert.Null(await AssetAsync(id));
    }

    [Fact]
    public async Task Only_film_entries_take_a_video_and_unknown_entries_are_404()
    {
        using var org = await OrganiserAsync();
        var speech = await app.EntryIdAsync("YJ-001");
        var res = await org.PostAsync($"/api/films/{speech}/video", Raw(SeedFilm));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("只有微电影作品可以上传视频。", await ErrorAsync(res));
        Assert.Equal(HttpStatusCode.NotFound, (await org.PostAsync("/api/films/999999/video", Raw(SeedFilm))).StatusCode);
    }

    [Fact]
    public async Task A_replacement_keeps_one_row_removes_the_old_file_and_is_audited()
    {
        using var org = await OrganiserAsync();
        var id = await app.EntryIdAsync("WDY-008");
        Assert.Equal(HttpStatusCode.OK, (await org.PostAsync($"/api/films/{id}/video", Raw(SeedFilm))).StatusCode);
        var first = (await AssetAsync(id))!;
        var other = File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-009.mp4"));
        Assert.Equal(HttpStatusCode.OK, (await org.PostAsync($"/api/films/{id}/video", Raw(other))).StatusCode);
        var second = (await AssetAsync(id))!;
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.StoredFileName, second.StoredFileName);
        Assert.False(File.Exists(Path.Combine(FolderOf(), first.StoredFileName)));
        Assert.Equal(other, File.ReadAllBytes(Path.Combine(FolderOf(), second.StoredFileName)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == $"entry:{id}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["上传微电影视频", "替换微电影视频"], audit);
    }

    [Fact]
    public void Films_live_beside_the_test_database_not_in_the_repository()
    {
        Assert.Equal(Path.Combine(app.DataDir, "films"), FolderOf());
    }

    private string FolderOf() => app.Services.GetRequiredService<FilmStore>().Folder;
}

/// <summary>The full seeds: the 30 seeded films have their videos and posters after the first start.</summary>
public sealed class FilmSeedMediaTests(FullSeedsTestApp app) : IClassFixture<FullSeedsTestApp>
{
    [Fact]
    public async Task Every_seeded_film_has_a_video_and_a_poster_after_the_first_start_and_a_second_run_adds_nothing()
    {
        var codes = Directory.GetFiles(Path.Combine(Paths.Seeds, "films"), "*.mp4").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.Equal(30, codes.Count);
        var assets = await app.WithDbAsync(db => db.Set<FilmAsset>().AsNoTracking()
            .Join(db.Entries, a => a.EntryId, e => e.Id, (a, e) => new { e.Code, a.PosterFileName, a.UploadedBy, a.SizeBytes }).ToListAsync());
        Assert.Equal(codes.Order(), assets.Select(a => a.Code).Order());
        Assert.All(assets, a => Assert.NotNull(a.PosterFileName));
        Assert.All(assets, a => Assert.Equal(FilmSeeder.SeedActor, a.UploadedBy));

        using var anon = app.CreateClient();
        var id = await app.EntryIdAsync("WDY-001");
        var poster = await anon.GetAsync($"/media/films/{id}/poster");
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        var video = await anon.GetByteArrayAsync($"/media/films/{id}/video");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-001.mp4")), video);

        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await FilmSeeder.RunAsync(scope.ServiceProvider, Paths.Seeds));
        Assert.Equal(30, await app.WithDbAsync(db => db.Set<FilmAsset>().CountAsync()));
    }

    [Fact]
    public async Task With_ffmpeg_installed_an_upload_gets_a_poster_frame()
    {
        var posters = app.Services.GetRequiredService<PosterMaker>();
        if (posters.Ffmpeg is null) return; // the placeholder case is covered by FilmUploadTests
        using var org = await ResultsData.OrganiserClientAsync(app);
        var id = await app.EntryIdAsync("WDY-010");
        var film = File.ReadAllBytes(Path.Combine(Paths.Seeds, "films", "WDY-011.mp4"));
        var content = new ByteArrayContent(film);
        Assert.Equal(HttpStatusCode.OK, (await org.PostAsync($"/api/films/{id}/video", content)).StatusCode);
        FilmAsset? asset = null;
        for (var i = 0; i < 100 && asset?.PosterFileName is null; i++)
        {
            await Task.Delay(100);
            asset = await app.WithDbAsync(db => db.Set<FilmAsset>().AsNoTracking().SingleAsync(a => a.EntryId == id));
        }
        Assert.Equal(FilmStore.PosterNameFor(asset!.StoredFileName), asset.PosterFileName);
        using var anon = app.CreateClient();
        var jpeg = await anon.GetByteArrayAsync($"/media/films/{id}/poster");
        Assert.True(jpeg.Length > 1000 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, "a JPEG poster frame");
    }
}
