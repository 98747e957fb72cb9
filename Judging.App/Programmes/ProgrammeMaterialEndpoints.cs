namespace Judging.App.Programmes;

using Judging.App.Accounts;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

/// <summary>
/// The materials' endpoints (issue 13, "Materials"): uploads of the checklist's items and the generated forms.
/// <list type="bullet">
/// <item><c>POST /programme-applications/{id}/materials/{materialCode}</c> (the owning unit contact; multipart with a field
/// <c>file</c>): from the static page with its antiforgery token, answered by a redirect to
/// <c>/programmes/applications/{id}?m=ok|&lt;refusal&gt;&amp;item={materialCode}</c>; with <c>Accept: application/json</c> (scripts;
/// same-origin checked instead of the token) answered 200 <c>{ id, fileId }</c> or the status with <c>{ error }</c>
/// (400 wrong file, 404 not the caller's application or no such item, 409 no longer editable, 413 over 20 MB).</item>
/// <item><c>GET /programme-materials/{fileId}</c>: the file, named "编号 材料名称.ext", for its owner and the organisers; 404 for
/// anyone else signed in.</item>
/// <item><c>GET /programme-applications/{id}/forms/{materialCode}.pdf</c>: the generated form (<see cref="Forms.ProgrammeFormPdf"/>)
/// of a 生成盖章 or 固定文本 item, for the owner and the organisers; 404 for anyone else signed in; 503 without a CJK font.</item>
/// </list>
/// </summary>
public static class ProgrammeMaterialEndpoints
{
    /// <summary>The owner's page of an application, where the form posts go back to.</summary>
    public static string PageOf(int applicationId) => $"/programmes/applications/{applicationId}";

    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeMaterialEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/programme-applications/{id:int}/materials/{materialCode}", async (int id, string materialCode, HttpContext http, ProgrammeMaterials materials,
            IAntiforgery antiforgery, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var json = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
            var mobile = http.User.UnitMobile();
            IResult Answer(ProgrammeUpload r)
            {
                if (json)
                    return r.Status == 200 ? Results.Ok(new { id, fileId = r.File!.Id }) : Results.Json(new { error = W.Word(r.Refusal) }, statusCode: r.Status);
                if (r.Status == 404) return Results.NotFound();
                var back = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(PageOf(id),
                    new Dictionary<string, string?> { ["m"] = r.Status == 200 ? "ok" : W.Word(r.Refusal), ["item"] = materialCode });
                return Results.Redirect(back + "#materials");
            }

            // The application and the item first (nothing of the body is read for someone else's application).
            var target = await materials.CheckTargetAsync(id, materialCode, mobile, ct);
            if (target.Status != 200) return Answer(target);
            if (json && !Hosting.SameOrigin.Allows(http.Request)) return Results.Json(new { error = "请从申报页面操作" }, statusCode: 403);
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = ProgrammeMaterials.MaxBytes + (1 << 20);
            if (!http.Request.HasFormContentType)
                return json ? Results.Json(new { error = "请以 multipart/form-data 上传文件" }, statusCode: 400) : Results.BadRequest();
            IFormCollection form;
            try { form = await http.Request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Answer(new ProgrammeUpload(413, null, Wording.Of("文件超过 {0} MB 的上限", ProgrammeMaterials.MaxBytes / 1024 / 1024)));
            }
            if (!json && !await antiforgery.IsRequestValidAsync(http))
                return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(PageOf(id),
                    new Dictionary<string, string?> { ["m"] = "expired", ["item"] = materialCode }) + "#materials");
            if (form.Files.GetFile("file") is not { } file) return Answer(new ProgrammeUpload(400, null, Wording.Of("没有收到文件，请选择要上传的文件")));
            await using var stream = file.OpenReadStream();
            return Answer(await materials.StoreAsync(id, materialCode, mobile, file.FileName, stream, ct));
        }).RequireAuthorization(p => p.RequireRole(Roles.Unit)).DisableAntiforgery(); // validated above, to answer on the page

        // A 质量标杆 summary written in Word (seed 001 附件2 一): its sections are read per heading into the form's fields, then
        // checked as typed text (issue 13: "counted from the uploaded Word document per heading, or typed into the form").
        app.MapPost("/programme-applications/{id:int}/summary", async (int id, HttpContext http, ProgrammeService programmes,
            IAntiforgery antiforgery, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var mobile = http.User.UnitMobile();
            if (await programmes.FormAsync(id, mobile, ct) is not { } form) return Results.NotFound();
            var code = form.Row.Materials.FirstOrDefault(m => m.Item.Source == MaterialSource.Form)?.Item.Code ?? "";
            IResult Back(string message) => Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(PageOf(id),
                new Dictionary<string, string?> { ["m"] = message, ["item"] = code }) + "#materials");
            var sections = form.Fields.Where(f => BenchmarkSummaryDocument.Sections.Any(s => s.Field == f.Name)).Select(f => f.Name).ToHashSet();
            if (sections.Count == 0) return Results.NotFound();
            if (!ProgrammeService.Editable(form.Row.Status)) return Back(W.Word("已提交的申报不能再修改"));
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = ProgrammeMaterials.MaxBytes + (1 << 20);
            if (!http.Request.HasFormContentType) return Results.BadRequest();
            IFormCollection posted;
            try { posted = await http.Request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Back(W.Word(Wording.Of("文件超过 {0} MB 的上限", ProgrammeMaterials.MaxBytes / 1024 / 1024)) ?? "");
            }
            if (!await antiforgery.IsRequestValidAsync(http)) return Back("expired");
            if (posted.Files.GetFile("file") is not { } file) return Back(W.Word("没有收到文件，请选择要上传的文件"));
            await using var stream = file.OpenReadStream();
            var text = Judging.Domain.Cases.DocxText.Extract(stream);
            if (!text.Ok) return Back(W.Word("请上传 Word 文档（.docx）") + "：" + W.Word(text.Error!));
            var read = BenchmarkSummaryDocument.Read(text.Preview ?? "").Where(kv => sections.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
            if (read.Count == 0) return Back(W.Word("文档中没有找到“（一）质量标杆名称”至“（五）实施效果”的标题，请按申报指南的结构编写"));
            var saved = await programmes.SaveDraftAsync(id, mobile, read, form.Revision, ct);
            return Back(saved.Status == 200
                ? Components.Pages.Programmes.ProgrammeMaterialsSection.ReadPrefix + string.Join("、", read.Keys)
                : W.Word(saved.Reason) ?? "");
        }).RequireAuthorization(p => p.RequireRole(Roles.Unit)).DisableAntiforgery(); // validated above, to answer on the page

        app.MapGet("/programme-materials/{fileId:long}", async (long fileId, HttpContext http, ProgrammeMaterials materials, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
            if (await materials.ReadableAsync(fileId, http.User, ct) is not { } file || !File.Exists(file.Path)) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Path, file.ContentType, fileDownloadName: file.DownloadName);
        });

        app.MapGet("/programme-applications/{id:int}/forms/{materialCode}.pdf", async (int id, string materialCode, HttpContext http, ProgrammeMaterials materials,
            IStringLocalizer<Scoring.JudgeReportService> reports, TimeProvider clock, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
            if (await materials.ReadableFormAsync(id, http.User, ct) is not { } form) return Results.NotFound();
            if (form.Row.Materials.FirstOrDefault(m => m.Item.Code == materialCode && ProgrammeMaterials.Generated(m.Item)) is not { } item) return Results.NotFound();
            if (!Hosting.CjkFonts.Available)
                return Results.Text(reports["服务器未安装可用的中文字体，无法生成 PDF。请安装 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei）后重试。"], "text/plain; charset=utf-8", statusCode: 503);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(Forms.ProgrammeFormPdf.Render(form, item.Item, clock.GetUtcNow()), "application/pdf",
                fileDownloadName: Forms.ProgrammeFormPdf.FileName(form, item.Item));
        });
        return app;
    }
}
