namespace Judging.Tests.Components;

using Bunit;
using Judging.App.Components.Pages.Organiser;
using Judging.App.Films;
using Judging.Domain.Competitions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The organiser's film video grid (issue 12; issue 4, "Films"): per film its upload state, size and upload time in Beijing
/// time; the count of uploaded films; the search; the upload script started with the page's texts in the page's language;
/// and the rows reloaded when the script reports an upload.
/// </summary>
public sealed class FilmUploadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15); // a loaded CI machine

    [Fact]
    public async Task Each_film_shows_its_state_size_and_Beijing_upload_time_and_the_count_of_uploaded_films()
    {
        await using var ctx = Context("zh-CN", out _);
        var page = ctx.Render<FilmUpload>(p => p.Add(x => x.CompetitionId, 1));

        page.WaitForAssertion(() => Assert.Equal("已上传 1 / 2", page.Find("[data-testid=film-count]").TextContent.Trim()), Wait);
        Assert.Contains("MP4", page.Find("[data-testid=status-WDY-001]").TextContent);
        Assert.Contains("未上传", page.Find("[data-testid=status-WDY-002]").TextContent);
        // 12.5 MB; stored 2025-06-20 02:15 UTC is 10:15 in Beijing.
        var size = page.Find("[data-testid=size-WDY-001]");
        Assert.Equal("13107200", size.GetAttribute("data-size-bytes"));
        Assert.Equal("12.5 MB", size.TextContent.Trim());
        Assert.Contains("2025-06-20 10:15", page.Find("[data-testid=uploaded-WDY-001]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=size-WDY-002]"));
        // The upload input of each row carries its endpoint and the limit the script checks first.
        var input = page.Find("[data-testid=upload-WDY-002]");
        Assert.Equal("/api/films/12/video", input.GetAttribute("data-url"));
        Assert.Equal((1L << 30).ToString(), input.GetAttribute("data-max-bytes"));
    }

    [Fact]
    public async Task The_search_keeps_the_films_whose_code_title_or_unit_match()
    {
        await using var ctx = Context("zh-CN", out _);
        var page = ctx.Render<FilmUpload>(p => p.Add(x => x.CompetitionId, 1));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=upload-]").Count), Wait);

        page.Find("[data-testid=film-search] input, input[data-testid=film-search]").Input("电气");
        page.WaitForAssertion(() => Assert.Equal(["upload-WDY-002"], page.FindAll("[data-testid^=upload-]").Select(e => e.GetAttribute("data-testid")!)), Wait);
    }

    [Fact]
    public async Task In_English_the_page_and_the_upload_scripts_texts_are_English()
    {
        await using var ctx = Context("en", out _);
        var module = ctx.JSInterop.SetupModule("./js/film-upload.js");
        module.SetupVoid("init", _ => true);
        var page = ctx.Render<FilmUpload>(p => p.Add(x => x.CompetitionId, 1));

        page.WaitForAssertion(() => Assert.Equal("Uploaded 1 / 2", page.Find("[data-testid=film-count]").TextContent.Trim()), Wait);
        Assert.Equal("Film videos", page.Find("h1").TextContent.Trim());
        Assert.Contains("Not uploaded", page.Find("[data-testid=status-WDY-002]").TextContent);
        var init = module.VerifyInvoke("init", calledTimes: 1)[0];
        var texts = Assert.IsType<Dictionary<string, string>>(init.Arguments[2]);
        Assert.Equal("Upload failed: {0}", texts["failed"]);
        Assert.Equal("The upload was interrupted. Check the network and try again.", texts["interrupted"]);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", string.Join("|", texts.Values));
    }

    [Fact]
    public async Task A_reported_upload_reloads_the_rows()
    {
        await using var ctx = Context("zh-CN", out var films);
        var page = ctx.Render<FilmUpload>(p => p.Add(x => x.CompetitionId, 1));
        page.WaitForAssertion(() => Assert.Equal("已上传 1 / 2", page.Find("[data-testid=film-count]").TextContent.Trim()), Wait);

        films.Upload("WDY-002", 2_097_152);
        await page.InvokeAsync(() => page.Instance.FilmUploaded(12, ok: false)); // a failed upload: reload only, no poster wait
        page.WaitForAssertion(() => Assert.Equal("已上传 2 / 2", page.Find("[data-testid=film-count]").TextContent.Trim()), Wait);
        Assert.Equal("2097152", page.Find("[data-testid=size-WDY-002]").GetAttribute("data-size-bytes"));
        Assert.Contains("重新上传", page.Find("[data-film-upload-box='12']").TextContent);
    }

    private static Bunit.BunitContext Context(string culture, out FakeFilms films)
    {
        var ctx = ComponentContext.Create(culture);
        films = new FakeFilms();
        ctx.Services.AddSingleton(films);
        ctx.Services.AddScoped<IFilmList>(sp => sp.GetRequiredService<FakeFilms>());
        var root = Directory.CreateTempSubdirectory("film-upload-test-").FullName;
        ctx.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Judging.App.Uploads.UploadOptions()));
        ctx.Services.AddSingleton(new FilmStore(root, new ConfigurationBuilder().Build(), Microsoft.Extensions.Options.Options.Create(new FilmOptions())));
        return ctx;
    }

    /// <summary>Two films of competition 1: WDY-001 with a 12.5 MB MP4, WDY-002 (上海电气) without a video.</summary>
    private sealed class FakeFilms : IFilmList
    {
        private readonly List<FilmEntry> films =
        [
            new(11, 1, "WDY-001", "品质之光", "上海建工集团", Track.MicroFilm, Asset(11, 13_107_200)),
            new(12, 1, "WDY-002", "零缺陷的承诺", "上海电气集团", Track.MicroFilm, null),
        ];

        private static FilmAsset Asset(int entryId, long size) => new()
        {
            EntryId = entryId, StoredFileName = $"{entryId}.mp4", ContentType = "video/mp4", SizeBytes = size,
            UploadedAt = new DateTimeOffset(2025, 6, 20, 2, 15, 0, TimeSpan.Zero), UploadedBy = "组织者 俞琳",
        };

        public void Upload(string code, long size)
        {
            var i = films.FindIndex(f => f.Code == code);
            films[i] = films[i] with { Asset = Asset(films[i].EntryId, size) };
        }

        public Task<string?> CompetitionNameAsync(int competitionId, CancellationToken ct) =>
            Task.FromResult<string?>(competitionId == 1 ? "2025上海市质量品牌故事大赛" : null);

        public Task<IReadOnlyList<FilmEntry>> FilmsAsync(int competitionId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<FilmEntry>>(competitionId == 1 ? films.ToList() : []);
    }
}
