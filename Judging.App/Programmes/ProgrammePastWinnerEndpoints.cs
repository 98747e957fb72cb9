namespace Judging.App.Programmes;

using Judging.App.Accounts;
using Microsoft.Extensions.Localization;

/// <summary>
/// The past winners list's endpoints (organisers; a present Origin must be this host):
/// <list type="bullet">
/// <item><c>GET /api/programmes/{code}/past-winners.csv</c> → the list (UTF-8 with BOM, the import's columns); 404 no such programme.</item>
/// <item><c>POST /api/programmes/{code}/past-winners</c> with the CSV as the body (<c>text/csv</c>) → 200 <c>{count}</c>;
/// 400 <c>{error, problems}</c> with nothing changed.</item>
/// </list>
/// </summary>
public static class ProgrammePastWinnerEndpoints
{
    /// <summary>Bodies over 2 MB are refused (a list of a few hundred winners is a few kB).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammePastWinnerEndpoints(this IEndpointRouteBuilder app)
    {
        var organiser = app.MapGroup("/api/programmes").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapGet("/{code}/past-winners.csv", async (string code, ProgrammePastWinners winners, CancellationToken ct) =>
            await winners.ListAsync(code, ct) is { } list
                ? Results.File(ProgrammePastWinners.ToCsv(list), "text/csv; charset=utf-8", $"{code}-past-winners.csv")
                : Results.NotFound());

        organiser.MapPost("/{code}/past-winners", async (string code, HttpContext http, ProgrammePastWinners winners, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBytes) return Results.Json(new { error = "文件太大（最多 2 MB）" }, statusCode: 413);
            var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            var result = await winners.ImportAsync(code, text, $"组织者 {http.User.Identity?.Name}", ct);
            if (result is null) return Results.NotFound();
            return result.Ok
                ? Results.Ok(new { count = result.Count })
                : Results.Json(new { error = W.Word("往届获奖名单未导入，请修改后重新上传"), problems = result.Problems.Select(p => W.Word(p)) }, statusCode: 400);
        });
        return app;
    }
}
