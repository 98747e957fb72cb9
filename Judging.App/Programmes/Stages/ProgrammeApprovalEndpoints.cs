namespace Judging.App.Programmes.Stages;

using Judging.App.Accounts;
using Judging.App.Programmes.Forms;
using Microsoft.Extensions.Localization;

/// <summary>
/// The endpoints of 审定 and after (issue 16, "审定 and after"):
/// <list type="bullet">
/// <item><c>GET /api/programmes/{code}/awards.json</c> (anyone): the approved winners,
/// <c>[{"category","level","applicant","unit","title","certificate"}]</c> (<see cref="PublishedAward"/>: category and level as
/// the notice names them, unit the person's 所在单位 or "", certificate the number in force or null), by category then level;
/// <c>[]</c> before any approval; 404 no such programme. The public page is <c>/programmes/{code}/results</c>.</item>
/// <item><c>GET /api/programmes/{code}/certificates.csv</c> (organiser): the register (<see cref="ProgrammeApprovals.RegisterCsv"/>,
/// UTF-8 with BOM); 404 no such programme.</item>
/// <item><c>GET /api/programmes/{code}/certificates.pdf</c> (organiser): every certificate in force, one A4 page each
/// (<see cref="ProgrammeCertificatePdf"/>); 404 no such programme or none issued; 503 without a CJK font.</item>
/// <item><c>GET /api/programme-certificates/{id}.pdf</c> (organiser): one certificate (a replaced one too, for the record); 404
/// unknown; 503 without a CJK font.</item>
/// </list>
/// </summary>
public static class ProgrammeApprovalEndpoints
{
    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/programmes/{code}/awards.json", async (string code, HttpContext http, ProgrammeApprovals approvals, CancellationToken ct) =>
        {
            var published = await approvals.PublishedAsync(code, ct);
            if (published is null && (await approvals.RegisterAsync(code, ct)) is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Ok(published?.Groups.SelectMany(g => g.Winners).ToList() ?? []);
        }).AllowAnonymous();

        var organiser = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapGet("/programmes/{code}/certificates.csv", async (string code, HttpContext http, ProgrammeApprovals approvals, CancellationToken ct) =>
        {
            if (await approvals.RegisterAsync(code, ct) is not { } register) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(ProgrammeApprovals.RegisterCsv(register.Rows), "text/csv; charset=utf-8", $"{code}-certificates.csv");
        });

        organiser.MapGet("/programmes/{code}/certificates.pdf", async (string code, HttpContext http, ProgrammeApprovals approvals,
            IStringLocalizer<Scoring.JudgeReportService> reports, CancellationToken ct) =>
        {
            if (await approvals.RegisterAsync(code, ct) is not { } register || register.Rows.Where(r => r.InForce).ToList() is not { Count: > 0 } rows)
                return Results.NotFound();
            if (!Hosting.CjkFonts.Available) return NoFont(reports);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(ProgrammeCertificatePdf.Render(register.Definition, rows), "application/pdf", ProgrammeCertificatePdf.FileName(code, all: true));
        });

        organiser.MapGet("/programme-certificates/{id:int}.pdf", async (int id, HttpContext http, ProgrammeApprovals approvals,
            IStringLocalizer<Scoring.JudgeReportService> reports, CancellationToken ct) =>
        {
            if (await approvals.CertificateAsync(id, ct) is not { } found) return Results.NotFound();
            if (!Hosting.CjkFonts.Available) return NoFont(reports);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(ProgrammeCertificatePdf.Render(found.Definition, [found.Row]), "application/pdf", ProgrammeCertificatePdf.FileName(found.Row.Number, all: false));
        });
        return app;
    }

    private static IResult NoFont(IStringLocalizer<Scoring.JudgeReportService> reports) =>
        Results.Text(reports["服务器未安装可用的中文字体，无法生成 PDF。请安装 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei）后重试。"], "text/plain; charset=utf-8", statusCode: 503);
}
