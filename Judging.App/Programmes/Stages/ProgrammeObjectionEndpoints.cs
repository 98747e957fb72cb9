namespace Judging.App.Programmes.Stages;

using Judging.App.Accounts;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

/// <summary>The organiser's 指派: <c>{"person": "张三"}</c>.</summary>
public sealed record ObjectionAssignRequest(string? Person);

/// <summary>The organiser's 调查记录: <c>{"text": "…"}</c>.</summary>
public sealed record ObjectionNoteRequest(string? Text);

/// <summary>The organiser's 办结: <c>{"outcome": "Upheld|Rejected|PartlyUpheld", "effect": "None|Withdraw|ChangeLevel", "newLevel": "二等奖", "reasons": "…"}</c>.</summary>
public sealed record ObjectionDecideRequest(string? Outcome, string? Effect, string? NewLevel, string? Reasons);

/// <summary>
/// The objection endpoints (issue 16, 异议):
/// <list type="bullet">
/// <item><c>POST /programmes/{code}/notice/objection-code</c> (anyone, the form's antiforgery token, the <c>programme-objection</c>
/// per-address bucket): the public form posted by its "获取验证码" button; sends the code to the mobile typed and goes back to
/// <c>/programmes/{code}/notice/objection?d=…</c> with the fields kept (not the files) in the data-protected <see cref="DraftCookie"/>.</item>
/// <item><c>POST /programmes/{code}/notice/objections</c> (anyone, multipart: name, organisation, mobile, code, application,
/// grounds, 0–5 files <c>evidence</c>, antiforgery; same bucket): checks the code (or the proof cookie of a mobile verified in the
/// last 30 minutes), receives the objection (<see cref="ProgrammeObjections.ReceiveAsync"/>) and goes to the receipt
/// <c>/programmes/{code}/notice/objection/receipt?r=…</c>, or back to the form with the reasons (the same way); 404 without a
/// published notice. No state in memory: codes in the database, proof and draft cookies data-protected (<see cref="ObjectionCodes"/>).</item>
/// <item>Organiser (a present Origin must be this host): <c>POST /api/programme-objections/{id}/assign</c> <c>{person}</c>,
/// <c>/notes</c> <c>{text}</c>, <c>/decide</c> <c>{outcome, effect, newLevel, reasons}</c>, <c>/notify</c> → 200 <c>{id, number}</c>
/// or the status with <c>{error, problems}</c>; <c>/reply</c> multipart (text, file; from the organiser page with its antiforgery
/// token, answered by a redirect to the page, or JSON with <c>Accept: application/json</c>).</item>
/// </list>
/// </summary>
public static class ProgrammeObjectionEndpoints
{
    /// <summary>The cookie holding the proof of the objector's verified mobile (30 minutes, this notice's paths only).</summary>
    public const string ProofCookie = "objection-proof";

    /// <summary>The cookie carrying a refused form (or one that asked for a code) back to the page (10 minutes, this notice's paths only).</summary>
    public const string DraftCookie = "objection-draft";

    /// <summary>The rate-limit policy of the public objection posts: per client address and endpoint, <see cref="PostsPerMinute"/>
    /// a minute (the SMS budget per mobile is <see cref="ObjectionCodes"/>'s).</summary>
    public const string RateLimitPolicy = "programme-objection";

    /// <summary>Public objection posts per client address, endpoint and minute: 20.</summary>
    public const int PostsPerMinute = 20;

    /// <summary>Registers <see cref="RateLimitPolicy"/>.</summary>
    public static IServiceCollection AddObjectionLimits(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, http =>
            System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                $"{RateLimitPolicy} {http.Request.Path.Value?.EndsWith("-code", StringComparison.Ordinal)} {http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = PostsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));

    /// <summary>The public form's path.</summary>
    public static string FormPath(string code) => $"/programmes/{code}/notice/objection";

    /// <summary>The organiser page's path.</summary>
    public static string OrganiserPath(string code) => $"/organiser/programmes/{code}/objections";

    private static string WithCulture(HttpContext http, string url, Dictionary<string, string?> query)
    {
        if (http.Request.Query.TryGetValue("culture", out var c) && c.ToString() is { Length: > 0 } culture) query["culture"] = culture;
        return QueryHelpers.AddQueryString(url, query);
    }

    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeObjectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/programmes/{code}/notice/objection-code", async (string code, HttpContext http, ProgrammeObjections objections, ObjectionCodes codes,
            IAntiforgery antiforgery, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(http, ct);
            if (form is null || !await antiforgery.IsRequestValidAsync(http))
                return Results.Redirect(WithCulture(http, FormPath(code), new() { ["m"] = "expired" }));
            var mobile = form["mobile"].ToString().Trim();
            var r = await objections.SendCodeAsync(code, mobile, ct);
            if (r.Status == 404) return Results.NotFound();
            var draft = new ObjectionDraft(form["name"], form["organisation"], mobile, form["application"], form["grounds"], r.Reasons, r.Status == 200);
            return BackToForm(http, code, codes, W, draft);
        }).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery(); // validated above, to answer on the page

        app.MapPost("/programmes/{code}/notice/objections", async (string code, HttpContext http, ProgrammeObjections objections, ObjectionCodes codes,
            IAntiforgery antiforgery, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType) return Results.Redirect(WithCulture(http, FormPath(code), new() { ["m"] = "expired" }));
            var form = await ReadFormAsync(http, ct);
            if (form is null)
            {
                var big = new ObjectionDraft(null, null, null, null, null, [Wording.Of("文件超过 {0} MB 的上限", ProgrammeStageFiles.MaxBytes / 1024 / 1024)]);
                return BackToForm(http, code, codes, W, big);
            }
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.Redirect(WithCulture(http, FormPath(code), new() { ["m"] = "expired" }));
            var mobile = form["mobile"].ToString().Trim();
            var proof = http.Request.Cookies[ProofCookie] is { } cookie && codes.MobileOf(cookie) == mobile ? cookie : null;
            if (proof is null && form["code"].ToString() is { Length: > 0 } typed)
            {
                var v = await objections.VerifyCodeAsync(mobile, typed, ct);
                proof = v.Proof;
                if (proof is not null)
                    http.Response.Cookies.Append(ProofCookie, proof, new CookieOptions
                    {
                        HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = $"/programmes/{code}/notice",
                        MaxAge = ObjectionCodes.ProofLifetime, IsEssential = true,
                    });
            }
            var files = form.Files.GetFiles("evidence").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
            var streams = files.Select(f => new EvidenceUpload(f.FileName, f.OpenReadStream())).ToList();
            ObjectionAction r;
            try
            {
                r = await objections.ReceiveAsync(code, new ObjectionSubmission(form["name"], form["organisation"], mobile, proof, form["application"], form["grounds"]), streams, ct);
            }
            finally { foreach (var s in streams) await s.Content.DisposeAsync(); }
            if (r.Status == 404) return Results.NotFound();
            if (r.Status == 200)
                return Results.Redirect(WithCulture(http, FormPath(code) + "/receipt", new() { ["r"] = objections.ReceiptKey(r.ObjectionId!.Value) }));
            var reasons = r.Reasons.ToList();
            if (proof is null && reasons.Count == 0) reasons.Add(Wording.Of("验证码错误或已过期"));
            var draft = new ObjectionDraft(form["name"], form["organisation"], mobile, form["application"], form["grounds"], reasons);
            return BackToForm(http, code, codes, W, draft);
        }).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery(); // validated above, to answer on the page

        var organiser = app.MapGroup("/api/programme-objections").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapPost("/{id:int}/assign", async (int id, ObjectionAssignRequest body, HttpContext http, ProgrammeObjections objections, IStringLocalizer<Wordings> W, CancellationToken ct) =>
            Answer(await objections.AssignAsync(id, body.Person, Actor(http), ct), W));
        organiser.MapPost("/{id:int}/notes", async (int id, ObjectionNoteRequest body, HttpContext http, ProgrammeObjections objections, IStringLocalizer<Wordings> W, CancellationToken ct) =>
            Answer(await objections.NoteAsync(id, body.Text, Actor(http), ct), W));
        organiser.MapPost("/{id:int}/decide", async (int id, ObjectionDecideRequest body, HttpContext http, ProgrammeObjections objections, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ObjectionOutcome>(body.Outcome, true, out var outcome) || !Enum.IsDefined(outcome)
                || !Enum.TryParse<ObjectionEffect>(body.Effect ?? nameof(ObjectionEffect.None), true, out var effect) || !Enum.IsDefined(effect))
                return Results.BadRequest(new { error = "outcome 须为 Upheld、Rejected 或 PartlyUpheld；effect 须为 None、Withdraw 或 ChangeLevel" });
            return Answer(await objections.DecideAsync(id, outcome, effect, body.NewLevel, body.Reasons, Actor(http), ct), W);
        });
        organiser.MapPost("/{id:int}/notify", async (int id, HttpContext http, ProgrammeObjections objections, IStringLocalizer<Wordings> W, CancellationToken ct) =>
            Answer(await objections.NotifyAsync(id, Actor(http), ct), W));
        organiser.MapPost("/{id:int}/reply", async (int id, HttpContext http, ProgrammeObjections objections, IAntiforgery antiforgery,
            IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            var json = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
            var code = await objections.ProgrammeCodeOfAsync(id, ct);
            if (code is null) return Results.NotFound();
            IResult Back(ObjectionAction r) => json ? Answer(r, W)
                : Results.Redirect(QueryHelpers.AddQueryString(OrganiserPath(code), new Dictionary<string, string?>
                {
                    ["o"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["m"] = r.Status == 200 ? "ok" : string.Concat(r.Reasons.Select(x => W.Word(x))),
                }));
            var form = await ReadFormAsync(http, ct);
            if (form is null) return Back(ObjectionAction.Fail(413, Wording.Of("文件超过 {0} MB 的上限", ProgrammeStageFiles.MaxBytes / 1024 / 1024)));
            if (!json && !await antiforgery.IsRequestValidAsync(http)) return Back(ObjectionAction.Fail(400, Wording.Of("页面已过期，请刷新后重试")));
            var file = form.Files.GetFile("file") is { Length: > 0 } f ? f : null;
            await using var stream = file?.OpenReadStream();
            return Back(await objections.ReplyAsync(id, form["text"], file is null ? null : new EvidenceUpload(file.FileName, stream!), Actor(http), ct));
        }).DisableAntiforgery(); // validated above, to answer on the page
        return app;
    }

    /// <summary>
    /// Back to the form with <paramref name="draft"/>: its reasons worded in the request's language and the whole carried in the
    /// <see cref="DraftCookie"/> (data-protected, <see cref="ObjectionCodes.DraftLifetime"/>, this notice's paths), opened by the
    /// redirect's <c>?d=</c> nonce; no server memory, so any instance shows it.
    /// </summary>
    private static IResult BackToForm(HttpContext http, string code, ObjectionCodes codes, IStringLocalizer<Wordings> W, ObjectionDraft draft)
    {
        var (cookie, nonce) = codes.Protect(draft, draft.Reasons.Select(r => W.Word(r) ?? r.ToString()).ToList(),
            W.Word(Wording.Of("异议的事实和理由过长，未能保留，请重新填写")) ?? "");
        http.Response.Cookies.Append(DraftCookie, cookie, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = $"/programmes/{code}/notice",
            MaxAge = ObjectionCodes.DraftLifetime, IsEssential = true,
        });
        return Results.Redirect(WithCulture(http, FormPath(code), new() { ["d"] = nonce }) + "#objection-form");
    }

    private static string Actor(HttpContext http) => $"组织者 {http.User.Identity?.Name}";

    private static IResult Answer(ObjectionAction r, IStringLocalizer<Wordings> W) => r.Status == 200
        ? Results.Ok(new { id = r.ObjectionId, number = r.Number })
        : Results.Json(new { error = W.Word(r.Reason), problems = r.Reasons.Select(x => W.Word(x)) }, statusCode: r.Status);

    /// <summary>The posted form (multipart or urlencoded; up to 5 evidence files of 20 MiB), or null when it is too large or not a form.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = ProgrammeObjections.MaxEvidenceFiles * ProgrammeStageFiles.MaxBytes + (1 << 20);
        if (!http.Request.HasFormContentType) return null;
        try { return await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = ProgrammeObjections.MaxEvidenceFiles * ProgrammeStageFiles.MaxBytes + (1 << 20) }, ct); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException) { return null; }
    }
}
