namespace Judging.App.Programmes;

using System.Globalization;
using Judging.App.Accounts;
using Judging.App.Components.Shared;
using Judging.Domain.Competitions;
using Microsoft.Extensions.Localization;

/// <summary><c>POST /api/programme-applications/{id}/admit</c> (organiser): <c>{"reason": "经核实，该单位已整改到位"}</c> (2–500 characters).</summary>
public sealed record AdmitRequest(string? Reason);

/// <summary>
/// The organiser's endpoints of the programmes (issue 13, "Organiser"), the organiser's only, from this site's pages (a present
/// Origin must be this host):
/// <list type="bullet">
/// <item><c>POST /api/programme-applications/{id}/admit</c> <c>{reason}</c> → 200 <c>{id, revision}</c>; 400 <c>{error}</c> without
/// a reason; 404 no such application; 409 <c>{error}</c> when it is not refused (<see cref="ProgrammeService.AdmitAsync"/>).</item>
/// <item><c>GET /api/programmes/{code}/applications.csv</c> → the board's applications as CSV (UTF-8 with BOM, CsvHelper; see
/// <see cref="ApplicationsCsv"/>); 404 no such programme.</item>
/// </list>
/// </summary>
public static class ProgrammeOrganiserEndpoints
{
    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeOrganiserEndpoints(this IEndpointRouteBuilder app)
    {
        var organiser = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapPost("/programme-applications/{id:int}/admit", async (int id, AdmitRequest body, HttpContext http, ProgrammeService service,
            IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await service.AdmitAsync(id, body.Reason, $"组织者 {http.User.Identity?.Name}", ct);
            return r.Status == 200 ? Results.Ok(new { id = r.Id, revision = r.Revision })
                : r.Status == 404 ? Results.NotFound(new { error = W.Word(r.Reason) })
                : Results.Json(new { error = W.Word(r.Reason) }, statusCode: r.Status);
        });

        organiser.MapGet("/programmes/{code}/applications.csv", async (string code, HttpContext http, ProgrammeService service, CancellationToken ct) =>
        {
            if (await service.BoardAsync(code, ct) is not { } board) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(ApplicationsCsv(board), "text/csv; charset=utf-8", $"{code}-applications.csv");
        });
        return app;
    }

    /// <summary>
    /// The board as a CSV file (UTF-8 with BOM), zh-CN: 编号, 奖项类别, 名称/项目, 申报主体, 状态 (草稿 / 已提交 / 不予受理),
    /// 准予受理理由, 申报条件 ("全部符合" or "n 项不符合"; the form's problems when it has any), 材料 ("done/required"),
    /// 提交时间（北京时间）, then one column per rule of the programme (its code as the header) holding "✔ reason" or "✗ reason".
    /// </summary>
    public static byte[] ApplicationsCsv(ProgrammeBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var codes = board.Programme.Definition.RuleCodes;
        return CsvDownload.Write(
            ["编号", "奖项类别", "名称/项目", "申报主体", "状态", "准予受理理由", "申报条件", "材料", "提交时间（北京时间）", .. codes],
            board.Applications.Select(a =>
            {
                var (done, required) = a.Completeness;
                var e = a.Eligibility;
                var eligibility = e.Problems.Count > 0 ? string.Join("；", e.Problems.Select(p => $"{p.Field}：{p.Reason}"))
                    : e.Eligible ? "全部符合" : $"{e.FailedCodes.Count} 项不符合";
                IEnumerable<string?> cells =
                [
                    a.Reference, a.Category.Name, a.Title, a.Applicant, StatusName(a), a.AdmissionReason, eligibility,
                    string.Create(CultureInfo.InvariantCulture, $"{done}/{required}"), a.SubmittedAt is { } at ? ShanghaiTime.Display(at) : "",
                    .. codes.Select(c => e.Checks.FirstOrDefault(x => x.Code == c)?.ToString() ?? ""),
                ];
                return cells;
            }));
    }

    /// <summary>The application's status in zh-CN: 草稿, 已提交 (also when the organiser admitted it: see its 准予受理理由), 不予受理, 已撤回.</summary>
    public static string StatusName(ApplicationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Status switch
        {
            ProgrammeApplicationStatus.Draft => "草稿",
            ProgrammeApplicationStatus.Submitted => "已提交",
            ProgrammeApplicationStatus.Refused => "不予受理",
            _ => "已撤回",
        };
    }
}
