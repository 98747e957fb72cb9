namespace Judging.App.Recommendations;

using System.Globalization;
using System.Security.Claims;
using Judging.App.Accounts;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Recommendations;
using Judging.Domain.Registration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

/// <summary>
/// Recommenders (推荐单位, issue 15 "Recommenders"; seed 000 附件1 (四), 附件3), wired in by <see cref="AddRecommendations"/> and
/// <see cref="MapRecommendations"/>. The organiser issues each recommender a one-time sign-in link (<see cref="RecommenderInvites"/>,
/// page <c>/organiser/recommenders/{competitionId}</c>); the recommender sets its user name and password on
/// <c>/recommender/invite/{token}</c>, later signs in on <c>/login</c>, and on <c>/recommender</c> writes its opinions, orders the
/// entries, submits, downloads the 附件3 PDF and uploads the stamped scan (<see cref="RecommendationService"/>).
/// </summary>
public static class RecommendationsModule
{
    /// <summary>
    /// Registers <see cref="RecommendationService"/> and <see cref="RecommenderInvites"/> (scoped) and, unless one is registered,
    /// <see cref="RecommendationTablePdfWriter"/> as <see cref="IRecommendationTable"/>.
    /// </summary>
    public static IServiceCollection AddRecommendations(this IServiceCollection services)
    {
        services.AddScoped<RecommendationService>();
        services.AddScoped<RecommenderInvites>();
        services.TryAddSingleton<IRecommendationTable, RecommendationTablePdfWriter>();
        return services;
    }

    /// <summary>The recommender of a signed-in recommender account (<see cref="Roles.RecommenderIdClaim"/>), or null.</summary>
    public static int? RecommenderId(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Recommender) && int.TryParse(user.FindFirstValue(Roles.RecommenderIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>"推荐单位 浦东新区市场监督管理局（user）": how a recommender account appears in the audit log.</summary>
    public static string Actor(ClaimsPrincipal user) => $"推荐单位 {user.Identity?.Name}";

    private static IResult Refused<T>(RegistrationOutcome<T> r, IStringLocalizer<Wordings> W) =>
        Results.Json(new
        {
            error = r.Refusal is not null ? W.Word(r.Refusal) : W.Word(r.Problems.FirstOrDefault()?.Message),
            problems = r.Problems.Select(p => new { field = p.Field, message = W.Word(p.Message) }),
        }, statusCode: r.Status);

    /// <summary>
    /// The endpoints:
    /// <list type="bullet">
    /// <item><c>POST /recommender/invite/{token}</c> (form: UserName, Password, Password2, antiforgery) → 302 to <c>/recommender</c>
    /// signed in, or back to the page with <c>?error=</c> (<see cref="InviteProblem"/>).</item>
    /// <item><c>GET /recommender/table.pdf</c> (recommender) → the 附件3 PDF (the submitted table, else a preview); 503 while no PDF writer is connected.</item>
    /// <item><c>GET /recommendations/{recommenderId}/scan</c> (the organiser, or that recommender) → the stamped scan; 404 when none.</item>
    /// <item>Recommender JSON (a present Origin must be this host): <c>GET /api/recommender/entries</c>;
    /// <c>POST /api/recommender/opinions/{entryId}</c> <c>{recommend, text}</c>; <c>POST /api/recommender/order</c> <c>{entryIds}</c>;
    /// <c>POST /api/recommender/submit</c> <c>{fillerName, fillerDept, fillerPost, fillerPhone, fillerEmail, filledOn}</c>;
    /// <c>POST /api/recommender/scan</c> (the file as the body) → 200, or 400/404/409/413/415 <c>{error, problems}</c>.</item>
    /// <item>Organiser JSON: <c>GET /api/competitions/{id}/recommenders</c> (the page's rows);
    /// <c>POST /api/recommenders/{recommenderId}/invite</c> → <c>{token, link}</c>, 404 for no such recommender.</item>
    /// </list>
    /// </summary>
    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/recommender/invite/{token}", async (string token, HttpContext http, RecommenderInvites invites, [Microsoft.AspNetCore.Mvc.FromForm] InviteForm form, CancellationToken ct) =>
        {
            var (user, problem) = await invites.AcceptAsync(token, form, ct);
            if (user is null) return Results.Redirect($"/recommender/invite/{Uri.EscapeDataString(token)}?error={problem}");
            await AccountEndpoints.SignInUserAsync(http, user);
            return Results.LocalRedirect("/recommender");
        }).RequireRateLimiting(SignInLimits.Password); // a password is set here: the password form's bucket

        app.MapGet("/recommender/table.pdf", async (HttpContext http, RecommendationService service, IRecommendationTable table, CancellationToken ct) =>
        {
            if (http.User.RecommenderId() is not { } id || await service.TableAsync(id, ct) is not { } input) return Results.NotFound();
            if (table.Render(input) is not { } pdf)
                return Results.Text(http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Scoring.JudgeReportService>>()["服务器未安装可用的中文字体，无法生成 PDF。请安装 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei）后重试。"],
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(pdf, "application/pdf", $"{input.RecommenderName}+参赛作品推荐表.pdf");
        }).RequireAuthorization(p => p.RequireRole(Roles.Recommender));

        app.MapGet("/recommendations/{recommenderId:int}/scan", async (int recommenderId, HttpContext http, RecommendationService service, CancellationToken ct) =>
        {
            if (!http.User.IsInRole(Roles.Organiser) && http.User.RecommenderId() != recommenderId) return Results.NotFound();
            if (await service.ScanFileAsync(recommenderId, ct) is not { } scan) return Results.NotFound();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(scan.Path, scan.ContentType, scan.FileName);
        }).RequireAuthorization(p => p.RequireRole(Roles.Organiser, Roles.Recommender));

        var rec = app.MapGroup("/api/recommender").RequireAuthorization(p => p.RequireRole(Roles.Recommender)).AddEndpointFilter(async (ctx, next) =>
            !Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? Results.Json(new { error = "请从推荐页面操作" }, statusCode: 403)
            : ctx.HttpContext.User.RecommenderId() is null ? Results.Json(new { error = "此账号未关联推荐单位" }, statusCode: 403)
            : await next(ctx));

        rec.MapGet("/entries", async (HttpContext http, RecommendationService service, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var desk = await service.DeskAsync(http.User.RecommenderId()!.Value, ct);
            if (desk is null) return Results.NotFound();
            return Results.Ok(new
            {
                recommender = new { id = desk.RecommenderId, desk.Name, desk.Kind },
                due = ShanghaiTime.ToLocal(desk.Due), late = W.Word(desk.Late),
                submission = desk.Submission is { } s ? new { s.SubmittedAt, s.FilledOn, hasScan = s.StampedScanName is not null, s.StampedScanAt } : null,
                entries = desk.Entries.Select(e => new
                {
                    e.EntryId, e.Code, unit = e.UnitName, e.Title, track = e.Track.ToString(), trackName = ChineseNames.Of(e.Track), e.Position,
                    category = e.Declaration?.Category, synopsis = e.Declaration?.Synopsis, durationMinutes = e.Declaration?.DurationMinutes,
                    creator = e.Declaration?.Creator, honours = e.Declaration?.Honours, e.Recommend, e.Text,
                    materials = e.Materials.Select(m => new { m.Id, kind = m.Kind.ToString(), m.FileName, m.SizeBytes, url = $"/unit-materials/{m.Id}" }),
                    caseDocument = e.HasCaseDocument ? $"/cases/{e.EntryId}/file" : null,
                }),
            });
        });

        rec.MapPost("/opinions/{entryId:int}", async (int entryId, HttpContext http, OpinionRequest body, RecommendationService service, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await service.SaveOpinionAsync(http.User.RecommenderId()!.Value, entryId, body.Recommend, body.Text, Actor(http.User), ct);
            return r.Ok ? Results.Ok(new { entryId }) : Refused(r, W);
        });

        rec.MapPost("/order", async (HttpContext http, OrderRequest body, RecommendationService service, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await service.ReorderAsync(http.User.RecommenderId()!.Value, body.EntryIds ?? [], Actor(http.User), ct);
            return r.Ok ? Results.Ok(new { entryIds = r.Value }) : Refused(r, W);
        });

        rec.MapPost("/submit", async (HttpContext http, SubmitRequest body, RecommendationService service, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await service.SubmitAsync(http.User.RecommenderId()!.Value, body.ToForm(), Actor(http.User), ct);
            return r.Ok ? Results.Ok(new { submissionId = r.Value }) : Refused(r, W);
        });

        rec.MapPost("/scan", async (HttpContext http, RecommendationService service, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = RecommendationService.MaxScanBytes + 1;
            if (http.Request.ContentLength > RecommendationService.MaxScanBytes)
                return Results.Json(new { error = W.Word(Wording.Of("文件超过 {0} MB 的上限，请压缩后重新上传", RecommendationService.MaxScanBytes / 1024 / 1024)) }, statusCode: 413);
            var r = await service.SaveScanAsync(http.User.RecommenderId()!.Value, http.Request.Body, Actor(http.User), ct);
            return r.Ok ? Results.Ok(new { sha256 = r.Value }) : Refused(r, W);
        }).DisableAntiforgery();

        var organiser = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapGet("/competitions/{id:int}/recommenders", async (int id, RecommendationService service, CancellationToken ct) =>
            Results.Ok((await service.OverviewAsync(id, ct)).Select(r => new
            {
                r.RecommenderId, r.Name, r.Kind, account = r.Account.ToString(), r.UserNames, r.Entries, r.Opinions, r.SubmittedAt, r.HasScan, r.Complete,
            })));

        organiser.MapPost("/recommenders/{recommenderId:int}/invite", async (int recommenderId, HttpContext http, RecommenderInvites invites, CancellationToken ct) =>
        {
            var token = await invites.IssueAsync(recommenderId, $"组织者 {http.User.Identity?.Name}", ct);
            if (token is null) return Results.NotFound(new { error = "没有这个推荐单位" });
            return Results.Ok(new { token, link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/recommender/invite/{token}" });
        });

        organiser.MapPost("/recommenders/{recommenderId:int}/reopen", async (int recommenderId, HttpContext http, ReopenRequest body, RecommendationService service,
            IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var r = await service.ReopenAsync(recommenderId, body.Reason, $"组织者 {http.User.Identity?.Name}", ct);
            return r.Ok ? Results.Ok(new { submissionId = r.Value }) : Refused(r, W);
        });
        return app;
    }
}

/// <summary><c>POST /api/recommenders/{id}/reopen</c> (organiser): <c>{"reason": "排序有误，申请更正"}</c>.</summary>
public sealed record ReopenRequest(string? Reason);

/// <summary><c>POST /api/recommender/opinions/{entryId}</c>: <c>{"recommend": true, "text": "…"}</c> (recommend null: not yet decided).</summary>
public sealed record OpinionRequest(bool? Recommend, string? Text);

/// <summary><c>POST /api/recommender/order</c>: <c>{"entryIds": [12, 9, 15]}</c>, first = 排序 1, each entry of the recommender once.</summary>
public sealed record OrderRequest(int[]? EntryIds);

/// <summary><c>POST /api/recommender/submit</c>: the filler's fields of 附件3; <c>filledOn</c> "2025-06-20" or null for today (Beijing).</summary>
public sealed record SubmitRequest(string? FillerName, string? FillerDept, string? FillerPost, string? FillerPhone, string? FillerEmail, DateOnly? FilledOn)
{
    /// <summary>The domain's form.</summary>
    public FillerForm ToForm() => new(FillerName, FillerDept, FillerPost, FillerPhone, FillerEmail, FilledOn);
}
