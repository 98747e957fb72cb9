namespace Judging.App.Programmes.Stages;

using Judging.App.Accounts;
using Judging.Domain.Competitions;
using Microsoft.Extensions.Localization;

/// <summary>
/// <c>POST /api/programme-applications/{id}/verification-files/{kind}</c> (organisers, from this site's pages: a present Origin
/// must be this host): a site visit's photo or document (<c>kind</c> = <c>site-visit</c>, attached to the visit in force) or a
/// credit check's record (<c>kind</c> = <c>credit</c>, attached to the check in force), as <c>multipart/form-data</c> with one
/// part <c>file</c> (PDF, .docx, JPG or PNG by content, at most 20 MiB; <see cref="ProgrammeVerification.UploadAsync"/>).
/// Answers 200 <c>{fileId}</c>; 400 <c>{error}</c> (unknown kind, no file, not an accepted format); 404 no such kind or
/// application; 409 nothing to attach it to; 413 too large. Read back at <c>GET /api/programme-stage-files/{fileId}</c>.
/// </summary>
public static class ProgrammeVerificationEndpoints
{
    /// <summary>The route's <c>kind</c> → <see cref="ProgrammeStageFile.Kind"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["site-visit"] = ProgrammeStageFiles.SiteVisitKind,
        ["credit"] = ProgrammeStageFiles.CreditKind,
    };

    /// <summary>Maps it.</summary>
    public static IEndpointRouteBuilder MapProgrammeVerificationEndpoints(this IEndpointRouteBuilder app)
    {
        var organiser = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapPost("/programme-applications/{id:int}/verification-files/{kind}", async (int id, string kind, HttpContext http,
            ProgrammeVerification verification, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            IResult Error(int status, Wording? why) => Results.Json(new { error = W.Word(why) }, statusCode: status);
            if (!Kinds.TryGetValue(kind, out var stageKind)) return Error(404, Wording.Of("没有这类材料"));
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = ProgrammeStageFiles.MaxBytes + (1 << 20);
            if (!http.Request.HasFormContentType) return Error(400, Wording.Of("请以 multipart/form-data 上传文件"));
            IFormCollection form;
            try { form = await http.Request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Error(413, Wording.Of("文件超过 {0} MB 的上限", ProgrammeStageFiles.MaxBytes / 1024 / 1024));
            }
            if (form.Files.GetFile("file") is not { } file) return Error(400, Wording.Of("没有收到文件，请选择要上传的文件"));
            await using var stream = file.OpenReadStream();
            var r = await verification.UploadAsync(id, stageKind, file.FileName, stream, $"组织者 {http.User.Identity?.Name}", ct);
            return r.Status == 200 ? Results.Ok(new { fileId = r.File!.Id }) : Error(r.Status, r.Refusal);
        });
        return app;
    }
}
