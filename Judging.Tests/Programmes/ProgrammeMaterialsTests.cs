namespace Judging.Tests.Programmes;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Judging.App.Persistence;
using Judging.App.Programmes;
using Judging.App.Programmes.Forms;
using Judging.App.Programmes.Import;
using Judging.Tests.Endpoints;
using Judging.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

/// <summary>
/// The programmes' materials over HTTP (issue 13, "Materials"): a unit contact signed in by SMS uploads the checklist's items
/// to their own application (the static page's multipart form with its antiforgery token, or JSON for scripts), files are
/// recognised by content and capped at 20 MB, a new upload is the one the checklist counts and the old file stays, only the
/// owner and the organisers download, and the generated forms read back with PdfPig name the applicant and the stamp boxes.
/// </summary>
public sealed partial class ProgrammeMaterialsTests(UnitTestApp app) : IClassFixture<UnitTestApp>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>A minimal PDF's bytes (recognised by its <c>%PDF-</c> head).</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A new browser signed in by SMS as the contact <paramref name="mobile"/> (not registered: it lands on /unit/register).</summary>
    private async Task<HttpClient> SignInAsync(string mobile)
    {
        var client = app.Jar();
        var code = await client.PostAsync("/api/unit/code", new StringContent(JsonSerializer.Serialize(new { mobile }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        var token = Token().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        var res = await client.PostAsync("/unit/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mobile"] = mobile, ["code"] = app.Sms.CodeOf(mobile), ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/unit/register", res.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>The signed-in contact's antiforgery token, as the static pages carry it.</summary>
    private static async Task<string> PageTokenAsync(HttpClient client) =>
        Token().Match(await client.GetStringAsync("/unit/register")).Groups[1].Value;

    private async Task<T> WithServiceAsync<T>(Func<ProgrammeService, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<ProgrammeService>());
    }

    /// <summary>A new draft of <paramref name="mobile"/> in <paramref name="code"/>/<paramref name="category"/> with <paramref name="fields"/> saved.</summary>
    private async Task<int> DraftAsync(string mobile, string code, string category, Dictionary<string, string?> fields)
    {
        var start = await WithServiceAsync(s => s.StartAsync(code, category, mobile, CancellationToken.None));
        Assert.Equal(200, start.Status);
        var saved = await WithServiceAsync(s => s.SaveDraftAsync(start.Id, mobile, fields, start.Revision, CancellationToken.None));
        Assert.Equal(200, saved.Status);
        return start.Id;
    }

    private Task<int> BenchmarkDraftAsync(string mobile, string unit) => DraftAsync(mobile, "quality-benchmark-2021", "quality-benchmark", new()
    {
        ["申报单位"] = unit, ["质量标杆名称"] = unit + "推行精益生产的经验", ["摘要"] = "本单位推行精益生产，成效显著。",
    });

    /// <summary>Posts <paramref name="bytes"/> as the file <paramref name="name"/> from the page's form (with <paramref name="token"/>).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string item, byte[] bytes, string name, string? token, bool json = false)
    {
        using var form = new MultipartFormDataContent();
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        using var req = new HttpRequestMessage(HttpMethod.Post, $"/programme-applications/{id}/materials/{item}") { Content = form };
        if (json) req.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(req);
    }

    /// <summary>The page the form post goes back to and its message (<c>m</c>).</summary>
    private static (string Path, string? Message, string? Item) Back(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        var location = res.Headers.Location!.OriginalString;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + location).Query);
        return (location.Split('?')[0], query.TryGetValue("m", out var m) ? m.ToString() : null, query.TryGetValue("item", out var i) ? i.ToString() : null);
    }

    private async Task<MaterialStatus> ItemAsync(int id, string mobile, string code) =>
        (await WithServiceAsync(s => s.FormAsync(id, mobile, CancellationToken.None)))!.Row.Materials.Single(m => m.Item.Code == code);

    /// <summary>Writes <paramref name="pdf"/> to the folder PROGPDF_SAMPLES names, when set (to look at the forms).</summary>
    private static void Keep(string name, byte[] pdf)
    {
        if (Environment.GetEnvironmentVariable("PROGPDF_SAMPLES") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), pdf);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => Space().Replace(p.Text, "")));
    }

    [Fact]
    public async Task A_pdf_is_accepted_and_done_and_a_new_upload_counts_while_the_old_file_stays()
    {
        var mobile = FilmVoteTestApp.NewPhone();
        using var client = await SignInAsync(mobile);
        var id = await BenchmarkDraftAsync(mobile, UnitTestApp.NewUnitName());
        var token = await PageTokenAsync(client);
        Assert.False((await ItemAsync(id, mobile, "business-licence")).Done);

        var (path, message, item) = Back(await UploadAsync(client, id, "business-licence", Pdf, "执照.pdf", token));
        Assert.Equal($"/programmes/applications/{id}", path);
        Assert.Equal("ok", message);
        Assert.Equal("business-licence", item);
        var first = await ItemAsync(id, mobile, "business-licence");
        Assert.True(first.Done);
        var row = await app.WithDbAsync(db => db.Set<ProgrammeMaterialFile>().SingleAsync(f => f.Id == first.FileId));
        Assert.Equal(("pdf", Pdf.Length, Convert.ToHexStringLower(SHA256.HashData(Pdf)), "执照.pdf"), (row.Format, (int)row.SizeBytes, row.Sha256, row.FileName));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "上传申报材料" && e.After!.Contains("营业执照（原件扫描） 执照.pdf"))));

        // A second upload (a PNG) is the one the checklist counts; the first file stays on record and on disk.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        Assert.Equal("ok", Back(await UploadAsync(client, id, "business-licence", png, "执照.png", token)).Message);
        var second = await ItemAsync(id, mobile, "business-licence");
        Assert.NotEqual(first.FileId, second.FileId);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ProgrammeMaterialFile>().CountAsync(f => f.ApplicationId == id)));
        using var scope = app.Services.CreateScope();
        var root = scope.ServiceProvider.GetRequiredService<ProgrammeMaterials>().Root;
        Assert.True(File.Exists(Path.Combine(root, row.StoredName)));

        // The owner downloads the newest under "编号 材料名称.png".
        var download = await client.GetAsync($"/programme-materials/{second.FileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        var reference = (await WithServiceAsync(s => s.FormAsync(id, mobile, CancellationToken.None)))!.Row.Reference;
        Assert.Equal($"{reference} 营业执照（原件扫描）.png", download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task A_text_file_named_pdf_and_a_file_over_20_MB_are_refused_with_the_reason_and_nothing_is_kept()
    {
        var mobile = FilmVoteTestApp.NewPhone();
        using var client = await SignInAsync(mobile);
        var id = await BenchmarkDraftAsync(mobile, UnitTestApp.NewUnitName());
        var token = await PageTokenAsync(client);

        var text = Encoding.UTF8.GetBytes("这只是一个改了扩展名的文本文件。");
        var (_, message, _) = Back(await UploadAsync(client, id, "business-licence", text, "营业执照.pdf", token));
        Assert.Equal("“营业执照（原件扫描）”须为 PDF、JPG 或 PNG 文件（按文件内容识别）", message);

        // For scripts, as JSON: 400 and the same reason.
        var json = await UploadAsync(client, id, "business-licence", text, "营业执照.pdf", null, json: true);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("“营业执照（原件扫描）”须为 PDF、JPG 或 PNG 文件（按文件内容识别）",
            JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // 20 MiB + 1 byte of a PDF: 413.
        var big = new byte[20 * 1024 * 1024 + 1];
        Pdf.CopyTo(big, 0);
        var over = await UploadAsync(client, id, "business-licence", big, "大文件.pdf", null, json: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal("文件超过 20 MB 的上限", JsonDocument.Parse(await over.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // A Word document is evidence (证实性材料) only.
        var docx = CasesTestApp.Docx("证实性材料");
        Assert.Equal("“营业执照（原件扫描）”须为 PDF、JPG 或 PNG 文件（按文件内容识别）", Back(await UploadAsync(client, id, "business-licence", docx, "a.docx", token)).Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ProgrammeMaterialFile>().CountAsync(f => f.ApplicationId == id)));
        Assert.Equal("ok", Back(await UploadAsync(client, id, "evidence", docx, "证实性材料.docx", token)).Message);
        Assert.True((await ItemAsync(id, mobile, "evidence")).Done);

        // A typed item (总结材料) and an unknown one are not uploaded.
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(client, id, "summary", Pdf, "a.pdf", null, json: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(client, id, "no-such-item", Pdf, "a.pdf", null, json: true)).StatusCode);
        // Without the page's token the form post goes back to the page, nothing stored.
        Assert.Equal("expired", Back(await UploadAsync(client, id, "business-licence", Pdf, "a.pdf", null)).Message);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProgrammeMaterialFile>().CountAsync(f => f.ApplicationId == id)));
    }

    [Fact]
    public async Task Another_contact_gets_404_and_the_organiser_downloads_and_a_submitted_application_takes_no_more()
    {
        var mobile = FilmVoteTestApp.NewPhone();
        using var owner = await SignInAsync(mobile);
        var id = await BenchmarkDraftAsync(mobile, UnitTestApp.NewUnitName());
        var uploaded = await UploadAsync(owner, id, "business-licence", Pdf, "执照.pdf", null, json: true);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var fileId = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("fileId").GetInt64();

        using var other = await SignInAsync(FilmVoteTestApp.NewPhone());
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(other, id, "business-licence", Pdf, "x.pdf", await PageTokenAsync(other))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(other, id, "business-licence", Pdf, "x.pdf", null, json: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/programme-materials/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/programme-applications/{id}/forms/info-form.pdf")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProgrammeMaterialFile>().CountAsync(f => f.ApplicationId == id)));

        using var organiser = await app.JarOrganiserAsync();
        var download = await organiser.GetAsync($"/programme-materials/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.EndsWith(" 营业执照（原件扫描）.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);

        // Once submitted (refused or not, the rules decide) only a draft or refused one takes uploads; withdrawn: none.
        await WithServiceAsync(s => s.WithdrawAsync(id, mobile, CancellationToken.None));
        var late = await UploadAsync(owner, id, "business-licence", Pdf, "执照.pdf", null, json: true);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("已提交的申报不能再上传材料", JsonDocument.Parse(await late.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_generated_forms_name_the_applicant_and_the_stamp_boxes()
    {
        if (!App.Hosting.CjkFonts.Available) return; // the PDF needs a CJK font (fonts-wqy-zenhei); the endpoint answers 503 without
        var mobile = FilmVoteTestApp.NewPhone();
        using var client = await SignInAsync(mobile);
        var unit = UnitTestApp.NewUnitName();
        var section = string.Concat(Enumerable.Repeat("精益生产推进", 200)); // 6 字 × 200 = 1,200 字, over the 600 shown whole
        var id = await DraftAsync(mobile, "quality-benchmark-2021", "quality-benchmark", new()
        {
            ["申报单位"] = unit, ["质量标杆名称"] = unit + "推行精益生产的经验", ["推进和应用"] = section, ["实施效果"] = "废品率下降三成。",
        });

        var res = await client.GetAsync($"/programme-applications/{id}/forms/info-form.pdf");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/pdf", res.Content.Headers.ContentType?.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Keep("info-form.pdf", bytes);
        var text = PdfText(bytes);
        Assert.Contains("上海市“质量标杆”申报信息表", text);
        Assert.Contains(unit, text);
        // materials.csv: info-form 盖章单位 申报单位、推荐单位 → two boxes.
        Assert.Contains("申报单位（盖章）", text);
        Assert.Contains("推荐单位（盖章）", text);
        // A short section is written whole; the long one as its count and its first 240 characters.
        Assert.Contains("废品率下降三成。", text);
        Assert.Contains("（共1200字，以下为开头部分，全文见申报系统）", text);
        Assert.DoesNotContain(section[..300], text);
        Assert.Contains(section[..200], text);
        // An uploaded item has no generated form.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/programme-applications/{id}/forms/business-licence.pdf")).StatusCode);

        // 004: the nomination form with the nominator's stamp, and the fixed commitment with the project and nominee filled in.
        var nomination = await DraftAsync(mobile, "technology-award-2024", "invention", new()
        {
            ["项目名称"] = "高精度伺服阀在线泄漏检测方法", ["提名单位"] = "上海市申江区经济委员会", ["被提名单位"] = unit,
        });
        var nominationPdf = await client.GetByteArrayAsync($"/programme-applications/{nomination}/forms/nomination-form.pdf");
        Keep("nomination-form.pdf", nominationPdf);
        var form = PdfText(nominationPdf);
        Assert.Contains("提名单位（盖章）", form);
        Assert.DoesNotContain("申报单位（盖章）", form);
        var commitmentPdf = await client.GetByteArrayAsync($"/programme-applications/{nomination}/forms/commitment.pdf");
        Keep("commitment.pdf", commitmentPdf);
        var commitment = PdfText(commitmentPdf);
        Assert.Contains("第一完成人承诺书", commitment);
        Assert.Contains("高精度伺服阀在线泄漏检测方法", commitment);
        Assert.Contains(unit, commitment);
        Assert.Contains("第一完成人（签名）", commitment);
        Assert.Contains("不存在知识产权争议", commitment);
    }

    /// <summary>A .docx with one paragraph per line of <paramref name="paragraphs"/>.</summary>
    private static byte[] Docx(params string[] paragraphs)
    {
        var ms = new MemoryStream();
        using (var z = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string content) { using var w = new StreamWriter(z.CreateEntry(name).Open(), new UTF8Encoding(false)); w.Write(content); }
            Put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + string.Concat(paragraphs.Select(p => "<w:p><w:r><w:t>" + System.Security.SecurityElement.Escape(p) + "</w:t></w:r></w:p>")) + "</w:body></w:document>");
        }
        return ms.ToArray();
    }

    [Fact]
    public async Task A_summary_written_in_Word_is_read_per_heading_and_an_8200_zi_section_is_flagged()
    {
        const string mobile = "13900007001";
        var client = await SignInAsync(mobile);
        var id = await DraftAsync(mobile, "quality-benchmark-2021", "quality-benchmark", new()
        {
            ["申报单位"] = "上海申蓝检测技术有限公司", ["独立法人资格"] = "是", ["经营状况良好"] = "是", ["无违法行为和不良记录"] = "是",
            ["方法成熟应用"] = "是", ["承诺分享交流"] = "是",
        });
        var token = await PageTokenAsync(client);
        var docx = Docx("上海申蓝检测技术有限公司质量标杆总结材料",
            "（一）质量标杆名称", "上海申蓝检测技术有限公司推行检测全过程数字化的经验",
            "（二）摘要", ApplicantImport.StandInText(450),
            "（三）企业概况", ApplicantImport.StandInText(400),
            "（四）管理方法（技术）的推进和应用情况", ApplicantImport.StandInText(8200),
            "（五）管理方法（技术）的实施效果", ApplicantImport.StandInText(1500));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(docx), "file", "总结材料.docx");
        var (path, message, _) = Back(await client.PostAsync($"/programme-applications/{id}/summary", form));
        Assert.Equal($"/programmes/applications/{id}", path);
        Assert.Equal("read:质量标杆名称、摘要、企业概况、推进和应用、实施效果", message);

        var read = (await WithServiceAsync(s => s.FormAsync(id, mobile, CancellationToken.None)))!;
        Assert.Equal("上海申蓝检测技术有限公司推行检测全过程数字化的经验", read.Values["质量标杆名称"]);
        var checks = read.Row.Eligibility.Checks.ToDictionary(c => c.Code);
        // 8,200 字 against 8,000: refused with the limit and the excess (200); the other sections pass.
        Assert.False(checks["application-length"].Passed);
        Assert.Equal("管理方法（技术）的推进和应用情况应在 8000 字以内，现为 8200 字，超出 200 字", checks["application-length"].Reason.ToString());
        Assert.True(checks["abstract-length"].Passed);
        Assert.True(checks["results-length"].Passed);

        // A file that is not a Word document changes nothing.
        using var bad = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        bad.Add(new ByteArrayContent(Pdf), "file", "总结材料.pdf");
        var (_, refused, _) = Back(await client.PostAsync($"/programme-applications/{id}/summary", bad));
        Assert.StartsWith("请上传 Word 文档（.docx）", refused);
        Assert.Equal(read.Revision, (await WithServiceAsync(s => s.FormAsync(id, mobile, CancellationToken.None)))!.Revision);
        // Someone else's application: 404.
        var other = await SignInAsync("13900007002");
        using var theirs = new MultipartFormDataContent { { new StringContent(await PageTokenAsync(other)), "__RequestVerificationToken" } };
        theirs.Add(new ByteArrayContent(docx), "file", "总结材料.docx");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/programme-applications/{id}/summary", theirs)).StatusCode);
    }
}
