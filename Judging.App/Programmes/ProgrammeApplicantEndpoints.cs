namespace Judging.App.Programmes;

using Judging.App.Accounts;
using Judging.App.Registration;
using Microsoft.Extensions.Localization;

/// <summary>A draft as the application's page sends it (issue 13): the typed fields by name and the revision the page last saw.</summary>
/// <param name="Values">Field name → text (unknown names ignored; see <see cref="ProgrammeService.SaveDraftAsync"/>).</param>
/// <param name="Revision">The revision the page last saw; a save at an older one is 409.</param>
public sealed record ProgrammeDraftRequest(Dictionary<string, string?>? Values, int Revision);

/// <summary>
/// The applicant's and nominator's endpoints (issue 13). Pages are <c>/programmes</c>, <c>/programmes/{code}</c> and
/// <c>/programmes/applications/{id}</c> (Components/Pages/Programmes); these are what they post to:
/// <list type="bullet">
/// <item><c>POST /programmes/{code}/start</c> (form: <c>category</c>, antiforgery; unit contacts) → 302 to the new
/// application's page; not signed in as a unit → <c>/unit/login?return=/programmes/{code}</c>; refused → back with <c>?m=</c>.</item>
/// <item><c>POST /api/programme-applications/{id}/draft</c> <c>{values, revision}</c> → 200 <c>{revision, eligibility}</c>;
/// 400 <c>{error}</c> (a field too long); 404 not the caller's; 409 <c>{error}</c> saved elsewhere since, or submitted.</item>
/// <item><c>POST /api/programme-applications/{id}/submit</c> → 200 <c>{status, revision, eligibility}</c> (已提交);
/// 400 <c>{error, eligibility}</c> (不予受理, the reasons in the eligibility); 404; 409.</item>
/// <item><c>POST /api/programme-applications/{id}/withdraw</c> → 200 <c>{id}</c>; 404; 409.</item>
/// </list>
/// The JSON endpoints require the unit role and, when the request has an Origin, this host's (as <c>/api/unit</c>).
/// Eligibility as JSON: <c>{eligible, checks:[{code, passed, reason}], problems:[{field, reason}]}</c>, reasons in the
/// request's language.
/// </summary>
public static class ProgrammeApplicantEndpoints
{
    /// <summary>The sign-in page that comes back to <paramref name="path"/> (a local path under <c>/programmes</c>).</summary>
    public static string SignInFor(string path) => "/unit/login?return=" + Uri.EscapeDataString(path);

    /// <summary>True for a local path the unit sign-in may return to: it starts with <c>/programmes</c> (not <c>//</c>, no backslash).</summary>
    public static bool IsReturnPath(string? path) =>
        path is { Length: > 0 } p && (p == "/programmes" || p.StartsWith("/programmes/", StringComparison.Ordinal) || p.StartsWith("/programmes?", StringComparison.Ordinal))
        && !p.Contains('\\') && !p.Contains("//", StringComparison.Ordinal);

    /// <summary>The eligibility as JSON (reasons through <paramref name="W"/>), or null.</summary>
    public static object? Json(Eligibility? e, IStringLocalizer<Wordings> W) => e is null ? null : new
    {
        eligible = e.Eligible,
        checks = e.Checks.Select(c => new { code = c.Code, passed = c.Passed, reason = W.Word(c.Reason) }),
        problems = e.Problems.Select(p => new { field = p.Field, reason = W.Word(p.Reason) }),
    };

    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeApplicantEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/programmes/{code}/start", async (string code, HttpContext http, ProgrammeService programmes,
            Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var back = "/programmes/" + Uri.EscapeDataString(code);
            if (!http.User.IsInRole(Roles.Unit)) return Results.Redirect(SignInFor(back));
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http)) return Results.Redirect(back + "?m=expired");
            var form = await http.Request.ReadFormAsync(ct);
            var r = await programmes.StartAsync(code, form["category"].ToString(), http.User.UnitMobile(), ct);
            if (r.Status == 404) return Results.NotFound();
            return r.Status == 200
                ? Results.Redirect($"/programmes/applications/{r.Id}")
                : Results.Redirect(back + "?m=" + Uri.EscapeDataString(W.Word(r.Reason) ?? ""));
        }).DisableAntiforgery(); // validated above, to answer with the page

        var api = app.MapGroup("/api/programme-applications").RequireAuthorization(p => p.RequireRole(Roles.Unit)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从申报页面操作" }, statusCode: 403));

        api.MapPost("/{id:int}/draft", async (int id, HttpContext http, ProgrammeDraftRequest body, ProgrammeService programmes, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var values = (body.Values ?? []).ToDictionary(kv => kv.Key, kv => kv.Value);
            var r = await programmes.SaveDraftAsync(id, http.User.UnitMobile(), values, body.Revision, ct);
            return r.Status == 200
                ? Results.Ok(new { revision = r.Revision, eligibility = Json(r.Eligibility, W) })
                : Results.Json(new { error = W.Word(r.Reason), revision = r.Revision }, statusCode: r.Status);
        });

        api.MapPost("/{id:int}/submit", async (int id, HttpContext http, ProgrammeService programmes, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await programmes.SubmitAsync(id, http.User.UnitMobile(), ct);
            return r.Status == 200
                ? Results.Ok(new { status = "Submitted", revision = r.Revision, eligibility = Json(r.Eligibility, W) })
                : Results.Json(new { error = W.Word(r.Reason), revision = r.Revision, eligibility = Json(r.Eligibility, W) }, statusCode: r.Status);
        });

        api.MapPost("/{id:int}/withdraw", async (int id, HttpContext http, ProgrammeService programmes, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await programmes.WithdrawAsync(id, http.User.UnitMobile(), ct);
            return r.Status == 200 ? Results.Ok(new { id }) : Results.Json(new { error = W.Word(r.Reason) }, statusCode: r.Status);
        });
        return app;
    }
}
