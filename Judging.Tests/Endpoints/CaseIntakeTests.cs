namespace Judging.Tests.Endpoints;

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Judging.App.Cases;
using Judging.Domain.Cases;
using Judging.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app in memory with the sample case documents of <c>seeds/cases</c> loaded on start.</summary>
public sealed class CasesTestApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Judging:Cases:SeedsPath"] = Path.Combine(Paths.Seeds, "cases"),
        }));
    }

    /// <summary>The documents' folder (beside the test database).</summary>
    public string CasesDir => Path.Combine(DataDir, "cases");

    /// <summary>The submission-link token of an entry.</summary>
    public Task<string> TokenAsync(string code) => WithDbAsync(db =>
        (from l in db.Set<SubmissionLink>() join e in db.Entries on l.EntryId equals e.Id where e.Code == code select l.Token).SingleAsync());

    /// <summary>Runs <paramref name="f"/> with the intake service in a fresh scope.</summary>
    public async Task<T> IntakeAsync<T>(Func<CaseIntakeService, Task<T>> f)
    {
        using var scope = Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<CaseIntakeService>());
    }

    /// <summary>A minimal .docx with one paragraph of <paramref name="text"/>.</summary>
    public static byte[] Docx(string text)
    {
        var ms = new MemoryStream();
        using (var z = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string content) { using var w = new StreamWriter(z.CreateEntry(name).Open(), new UTF8Encoding(false)); w.Write(content); }
            Put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" +
                System.Security.SecurityElement.Escape(text) + "</w:t></w:r></w:p></w:body></w:document>");
        }
        return ms.ToArray();
    }
}

/// <summary>
/// Case intake over HTTP (issue 5): seeds loaded, upload limit and type checked by content, word count recorded,
/// return → resubmit → history intact, resubmission after the deadline refused, the viewer's contract.
/// </summary>
public sealed class CaseIntakeTests(CasesTestApp app) : IClassFixture<CasesTestApp>
{
    private static async Task<string> AntiforgeryAsync(HttpClient client, string token)
    {
        var html = await client.GetStringAsync($"/submit/{token}");
        return Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    }

    private static MultipartFormDataContent Form(string? antiforgery, HttpContent file, string fileName)
    {
        var form = new MultipartFormDataContent();
        if (antiforgery is not null) form.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        return form;
    }

    private async Task<HttpResponseMessage> UploadAsync(string code, byte[] bytes, string fileName, HttpClient? client = null)
    {
        client ??= app.Browser();
        var token = await app.TokenAsync(code);
        var af = await AntiforgeryAsync(client, token);
        // The page shows no form (and no token) when the entry cannot take a document: post without one.
        return await client.PostAsync($"/submit/{token}/upload", Form(af.Length > 0 ? af : null, new ByteArrayContent(bytes), fileName));
    }

    private Task<List<CaseDocument>> DocsAsync(string code) => app.WithDbAsync(db =>
        (from d in db.Set<CaseDocument>() join e in db.Entries on d.EntryId equals e.Id where e.Code == code orderby d.Version select d).ToListAsync());

    private Task<List<FormalReviewRecord>> RecordsAsync(string code) => app.WithDbAsync(db =>
        (from r in db.Set<FormalReviewRecord>() join e in db.Entries on r.EntryId equals e.Id where e.Code == code orderby r.Id select r).ToListAsync());

    [Fact]
    public async Task Seeds_load_24_documents_with_word_counts_and_one_entry_without()
    {
        Assert.Equal(24, await app.WithDbAsync(db => db.Set<CaseDocument>().CountAsync(d => d.UploadedBy == "种子数据")));
        var al1 = Assert.Single(await DocsAsync("AL-001"));
        Assert.Equal(CaseFileKind.Docx, al1.Kind);
        Assert.True(al1.WordCount > 100, $"word count {al1.WordCount}");
        Assert.Contains("一颗螺丝钉的质量长征", al1.PreviewText);
        Assert.Equal(CaseFileKind.Pdf, Assert.Single(await DocsAsync("AL-005")).Kind);
        Assert.Null((await DocsAsync("AL-005"))[0].WordCount);
        Assert.DoesNotContain(await DocsAsync("AL-025"), d => d.UploadedBy == "种子数据");
        Assert.True(File.Exists(Path.Combine(app.CasesDir, al1.StoredName)));
        Assert.Equal(25, await app.WithDbAsync(db => db.Set<SubmissionLink>().CountAsync()));
    }

    [Fact]
    public async Task Queue_checklist_flags_AL_001_repeat_and_AL_007_name()
    {
        var comp = await app.WithDbAsync(db => db.Competitions.Select(c => c.Id).FirstAsync());
        var rows = await app.IntakeAsync(s => s.QueueAsync(comp, default));
        Assert.Equal(25, rows.Count);
        var al1 = await app.IntakeAsync(async s => (await s.DetailAsync(rows.Single(r => r.Code == "AL-001").EntryId, null, default))!);
        var repeat = al1.Checklist.Single(i => i.Key == ChecklistKey.TitleRepeat);
        Assert.False(repeat.Passed);
        Assert.Contains("YJ-001", repeat.Detail);
        Assert.True(al1.Checklist.Single(i => i.Key == ChecklistKey.Naming).Passed);
        var al7 = await app.IntakeAsync(async s => (await s.DetailAsync(rows.Single(r => r.Code == "AL-007").EntryId, null, default))!);
        Assert.False(al7.Checklist.Single(i => i.Key == ChecklistKey.Naming).Passed);
        Assert.Equal(0, rows.Single(r => r.Code == "AL-002").FailingAutomatic);
    }

    [Fact]
    public async Task Upload_of_a_docx_records_its_word_count_and_unit_actor()
    {
        var res = await UploadAsync("AL-025", CasesTestApp.Docx("数字孪生驱动的整车质量改进 2025 年成果"), "上汽通用汽车有限公司+数字孪生驱动的整车质量改进.docx");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.EndsWith("?r=ok", res.Headers.Location!.OriginalString);
        var doc = Assert.Single(await DocsAsync("AL-025"));
        Assert.Equal(17, doc.WordCount); // 16 ideographs + "2025"
        Assert.Equal("上汽通用汽车有限公司+数字孪生驱动的整车质量改进.docx", doc.OriginalFileName);
        Assert.Equal("参赛单位（提交链接）", doc.UploadedBy);
        Assert.Equal(64, doc.Sha256.Length);
        Assert.Equal(FormalReviewAction.Submit, Assert.Single(await RecordsAsync("AL-025")).Action);
    }

    [Fact]
    public async Task Renamed_text_file_gets_415_in_Chinese_and_nothing_is_kept()
    {
        var before = Directory.GetFiles(app.CasesDir, "*", SearchOption.AllDirectories).Length;
        await ReturnAsync("AL-010", "请补充单位简介");
        var res = await UploadAsync("AL-010", Encoding.UTF8.GetBytes("不是文档"), "上海建工一建集团有限公司+超高层建筑毫米级测量控制.docx");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, res.StatusCode);
        Assert.Contains("不是 PDF 或 Word", await res.Content.ReadAsStringAsync());
        Assert.Single(await DocsAsync("AL-010"));
        Assert.Equal(before, Directory.GetFiles(app.CasesDir, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Over_50_MiB_gets_413_in_Chinese_while_copying()
    {
        await ReturnAsync("AL-011", "图片过多");
        var client = app.Browser();
        var token = await app.TokenAsync("AL-011");
        var af = await AntiforgeryAsync(client, token);
        var big = new StreamContent(new PdfLikeStream(DocumentSniffer.MaxBytes + 1));
        var res = await client.PostAsync($"/submit/{token}/upload", Form(af, big, "big.pdf"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, res.StatusCode);
        Assert.Contains("超过 50 MB", await res.Content.ReadAsStringAsync());
        Assert.Single(await DocsAsync("AL-011"));
        Assert.Empty(Directory.GetFiles(app.CasesDir, "*.tmp"));
    }

    [Fact]
    public async Task Upload_without_antiforgery_is_refused()
    {
        await ReturnAsync("AL-012", "缺少单位logo");
        var token = await app.TokenAsync("AL-012");
        var res = await app.Browser().PostAsync($"/submit/{token}/upload", Form(null, new ByteArrayContent(CasesTestApp.Docx("x")), "x.docx"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("页面已过期", await res.Content.ReadAsStringAsync());
    }

    private async Task ReturnAsync(string code, string reason)
    {
        var id = await app.EntryIdAsync(code);
        var step = await app.IntakeAsync(s => s.ReturnAsync(id, new HashSet<ChecklistKey>(), reason, "组织者 俞琳", default));
        Assert.True(step.Ok, step.Refusal);
    }

    [Fact]
    public async Task Return_resubmit_accept_keeps_the_history_and_both_versions()
    {
        var id = await app.EntryIdAsync("AL-003");
        // Not yet returned: a second upload is refused with 409 before the file is read.
        var early = await UploadAsync("AL-003", CasesTestApp.Docx("第二版"), "上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await ReturnAsync("AL-003", "缺少盖章申报表");
        var page = await app.Browser().GetStringAsync($"/submit/{await app.TokenAsync("AL-003")}");
        Assert.Contains("缺少盖章申报表", page);
        Assert.Contains("已退回修改", page);

        var res = await UploadAsync("AL-003", CasesTestApp.Docx("锅炉焊接质量大数据预警体系（修改稿）"), "上海锅炉厂有限公司+锅炉焊接质量大数据预警体系.docx");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var all = FormalChecklist.ManualKeys.ToHashSet();
        var accept = await app.IntakeAsync(s => s.AcceptAsync(id, all, null, "组织者 俞琳", default));
        Assert.True(accept.Ok, accept.Refusal);

        var records = await RecordsAsync("AL-003");
        Assert.Equal([FormalReviewAction.Submit, FormalReviewAction.Return, FormalReviewAction.Resubmit, FormalReviewAction.Accept], records.Select(r => r.Action));
        Assert.Equal("缺少盖章申报表", records[1].Reasons);
        Assert.Equal([1, 2], (await DocsAsync("AL-003")).Select(d => d.Version));
        Assert.All(await DocsAsync("AL-003"), d => Assert.True(File.Exists(Path.Combine(app.CasesDir, d.StoredName))));
    }

    [Fact]
    public async Task Resubmission_after_the_deadline_is_refused()
    {
        var comp = await app.WithDbAsync(db => db.Competitions.Select(c => c.Id).FirstAsync());
        await ReturnAsync("AL-014", "命名不符");
        await app.IntakeAsync(async s => { await s.SetDeadlineAsync(comp, DateTimeOffset.UtcNow.AddMinutes(-1), "组织者 俞琳", default); return 0; });
        try
        {
            var res = await UploadAsync("AL-014", CasesTestApp.Docx("迟到的修改稿"), "东方国际创业股份有限公司+纺织品出口质量合规管理.docx");
            Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
            Assert.Contains("提交通道已于", await res.Content.ReadAsStringAsync());
            Assert.Single(await DocsAsync("AL-014"));
            Assert.Contains("关闭", await app.Browser().GetStringAsync($"/submit/{await app.TokenAsync("AL-014")}"));
        }
        finally
        {
            await app.IntakeAsync(async s => { await s.SetDeadlineAsync(comp, null, "组织者 俞琳", default); return 0; });
        }
    }

    [Fact]
    public async Task Viewer_shows_pdf_inline_and_docx_preview_with_download()
    {
        var organiser = await ResultsData.OrganiserClientAsync(app);
        var pdfId = await app.EntryIdAsync("AL-005");
        var html = await organiser.GetStringAsync($"/cases/{pdfId}/document");
        Assert.Contains($"src=\"/cases/{pdfId}/file?inline=1\"", html);
        Assert.Contains($"href=\"/cases/{pdfId}/file\"", html);
        var inline = await organiser.GetAsync($"/cases/{pdfId}/file?inline=1");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await inline.Content.ReadAsByteArrayAsync())[..5]);

        var docxId = await app.EntryIdAsync("AL-002");
        html = await organiser.GetStringAsync($"/cases/{docxId}/document");
        Assert.Contains("data-testid=\"cv-preview\"", html);
        Assert.Contains("海上风电叶片缺陷智能识别与闭环改进", html);
        var download = await organiser.GetAsync($"/cases/{docxId}/file");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(DocumentSniffer.ContentType(CaseFileKind.Docx), download.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Viewer_is_for_organisers_and_case_experts_without_conflict()
    {
        var id = await app.EntryIdAsync("AL-002");
        var anonymous = await app.Browser().GetAsync($"/cases/{id}/file");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString);

        // Experts read the cases they are assigned in the first review; no one else on the panel does.
        var (assigned, unassigned) = await app.WithDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Track == Judging.Domain.Competitions.Track.InnovationCase && r.Online);
            using var scope = app.Services.CreateScope();
            var (plan, error) = await scope.ServiceProvider.GetRequiredService<Judging.App.Reviews.ReviewService>().GenerateAsync(round.Id, 3, "test", default);
            Assert.Null(error);
            var on = plan!.All.Where(p => p.EntryId == id).Select(p => p.JudgeId).ToHashSet();
            var codes = await db.Judges.Where(j => j.Track == Judging.Domain.Competitions.Track.InnovationCase).ToDictionaryAsync(j => j.Id, j => j.Code);
            return (codes[on.First()], codes.First(kv => !on.Contains(kv.Key) && kv.Value != "AJ-02").Value);
        });
        Assert.Equal(HttpStatusCode.OK, (await (await app.JudgeAsync(assigned)).GetAsync($"/cases/{id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.JudgeAsync(unassigned)).GetAsync($"/cases/{id}/file")).StatusCode);
        // AJ-02 declared 上海电气电站设备: AL-001's unit, and AL-002's unit is in the same group (上海电气集团).
        var expert = await app.JudgeAsync("AJ-02");
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.GetAsync($"/cases/{id}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.GetAsync($"/cases/{await app.EntryIdAsync("AL-001")}/file")).StatusCode);
        var speechJudge = await app.JudgeAsync("PW-01");
        Assert.Equal(HttpStatusCode.Forbidden, (await speechJudge.GetAsync($"/cases/{id}/file")).StatusCode);
    }

    [Fact]
    public async Task Organiser_uploads_on_the_units_behalf_through_the_same_link()
    {
        await ReturnAsync("AL-016", "请改为“单位名称+作品名称”命名");
        var organiser = await ResultsData.OrganiserClientAsync(app);
        var res = await UploadAsync("AL-016", CasesTestApp.Docx("物流准时交付质量指标体系"), "东方国际物流（集团）有限公司+物流准时交付质量指标体系.docx", organiser);
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var docs = await DocsAsync("AL-016");
        Assert.Equal(2, docs.Count);
        Assert.Equal("组织者 俞琳（代为上传）", docs[^1].UploadedBy);
        Assert.Equal(FormalReviewAction.Resubmit, (await RecordsAsync("AL-016"))[^1].Action);
    }

    /// <summary>A read-only stream of <c>length</c> bytes starting with "%PDF-", made up as it is read.</summary>
    private sealed class PdfLikeStream(long length) : Stream
    {
        private long pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => pos; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - pos);
            for (var i = 0; i < n; i++) buffer[offset + i] = pos + i < 5 ? (byte)"%PDF-"[(int)(pos + i)] : (byte)' ';
            pos += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
