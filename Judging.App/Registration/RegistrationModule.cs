namespace Judging.App.Registration;

using System.Security.Claims;
using Judging.App.Accounts;
using Judging.Domain.Competitions;
using Judging.Domain.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// Online registration and declaration (issue 15), wired in by <see cref="ConfigureModel"/>, <see cref="AddRegistration"/>
/// and <see cref="MapRegistration"/>. Units sign in with their mobile and an SMS code (<see cref="UnitSignIn"/>), register
/// (附件2 (一)), declare entries (附件2 (二)) with drafts saved as they type, and submit them into entries
/// (<see cref="RegistrationService"/>). Pages: <c>/unit/login</c>, <c>/unit/register</c>, <c>/unit</c>,
/// <c>/unit/declarations/{id}</c> (static server-rendered, phone first).
/// </summary>
public static class RegistrationModule
{
    /// <summary>The tables of registration, declarations, materials and recommendations.</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<UnitRegistration>(e =>
        {
            e.ToTable("UnitRegistrations");
            e.HasKey(x => x.UnitId);
            e.Property(x => x.Address).HasMaxLength(200);
            e.Property(x => x.Postcode).HasMaxLength(6);
            e.Property(x => x.NatureOther).HasMaxLength(50);
            e.Property(x => x.KeyField).HasMaxLength(20);
            e.Property(x => x.KeyIndustry).HasMaxLength(40);
            e.Property(x => x.KeyIndustryOther).HasMaxLength(50);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPost).HasMaxLength(100);
            e.Property(x => x.ContactEmail).HasMaxLength(100);
            e.Property(x => x.PlannedTracks).HasMaxLength(60);
        });
        b.Entity<UnitContact>(e =>
        {
            e.ToTable("UnitContacts");
            e.HasIndex(x => new { x.CompetitionId, x.Mobile }).IsUnique();
            e.HasIndex(x => x.UnitId);
            e.Property(x => x.Mobile).HasMaxLength(11);
            e.Property(x => x.Name).HasMaxLength(50);
        });
        b.Entity<UnitSignInCode>(e =>
        {
            e.ToTable("UnitSignInCodes");
            e.HasIndex(x => new { x.PhoneHash, x.CreatedAt });
            e.HasIndex(x => new { x.PhoneHash, x.PreviousCodeId }).IsUnique();
            e.Property(x => x.PhoneHash).HasMaxLength(64);
            e.Property(x => x.CodeHash).HasMaxLength(64);
        });
        b.Entity<EntryDeclaration>(e =>
        {
            e.ToTable("EntryDeclarations");
            e.HasIndex(x => new { x.UnitId, x.Track });
            e.HasIndex(x => x.EntryId).IsUnique();
            e.HasIndex(x => new { x.CompetitionId, x.Status });
            e.Property(x => x.Title).HasMaxLength(DeclarationRules.MaxTitleLength);
            e.Property(x => x.Category).HasMaxLength(20);
            e.Property(x => x.Creator).HasMaxLength(100);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactAddress).HasMaxLength(200);
            e.Property(x => x.ContactDept).HasMaxLength(100);
            e.Property(x => x.ContactPost).HasMaxLength(100);
            e.Property(x => x.ContactMobile).HasMaxLength(20);
            e.Property(x => x.ContactEmail).HasMaxLength(100);
            e.Property(x => x.Synopsis).HasMaxLength(DeclarationRules.MaxSynopsisChars);
            e.Property(x => x.Honours).HasMaxLength(200);
            e.Property(x => x.HonourOther).HasMaxLength(100);
            e.Property(x => x.Commitments).HasMaxLength(3);
        });
        b.Entity<UnitLimitLift>(e =>
        {
            e.ToTable("UnitLimitLifts");
            e.HasIndex(x => x.UnitId);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.By).HasMaxLength(200);
        });
        b.Entity<IntakeCalendarSettings>(e =>
        {
            e.ToTable("IntakeCalendars");
            e.HasKey(x => x.CompetitionId);
            e.Property(x => x.UpdatedBy).HasMaxLength(200);
        });
        b.Entity<UnitMaterial>(e =>
        {
            e.ToTable("UnitMaterials");
            e.HasIndex(x => new { x.UnitId, x.Kind });
            e.HasIndex(x => x.EntryId);
            e.Property(x => x.OriginalFileName).HasMaxLength(255);
            e.Property(x => x.StoredName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(200);
        });
        b.Entity<RecommenderInvite>(e =>
        {
            e.ToTable("RecommenderInvites");
            e.HasKey(x => x.TokenHash);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasIndex(x => x.RecommenderId);
        });
        b.Entity<RecommendationOpinion>(e =>
        {
            e.ToTable("RecommendationOpinions");
            e.HasIndex(x => new { x.RecommenderId, x.EntryId }).IsUnique();
            e.HasIndex(x => x.EntryId);
            e.Property(x => x.Text).HasMaxLength(1000);
            e.Property(x => x.UpdatedBy).HasMaxLength(200);
        });
        b.Entity<RecommendationSubmission>(e =>
        {
            e.ToTable("RecommendationSubmissions");
            e.HasIndex(x => x.RecommenderId);
            e.Property(x => x.FillerName).HasMaxLength(50);
            e.Property(x => x.FillerDept).HasMaxLength(100);
            e.Property(x => x.FillerPost).HasMaxLength(100);
            e.Property(x => x.FillerPhone).HasMaxLength(30);
            e.Property(x => x.FillerEmail).HasMaxLength(100);
            e.Property(x => x.StampedScanName).HasMaxLength(300);
            e.Property(x => x.StampedScanSha256).HasMaxLength(64);
            e.Property(x => x.SubmittedBy).HasMaxLength(200);
        });
    }

    /// <summary>Registers <see cref="SmsCodes"/> and <see cref="UnitSignIn"/> (singletons) and <see cref="RegistrationService"/> (scoped).</summary>
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddSingleton<SmsCodes>();
        services.AddSingleton<UnitSignIn>();
        services.AddScoped<RegistrationService>();
        services.AddScoped<UnitMaterials>();
        Uploads.UploadsModule.AddUploadTarget<UnitFilmTarget>(services, UnitFilmTarget.Name);
        return services;
    }

    /// <summary>The unit of a signed-in unit contact, or null (not signed in as a unit, or not registered yet).</summary>
    public static int? UnitId(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Unit) && int.TryParse(user.FindFirstValue(Roles.UnitIdClaim), out var id) ? id : null;

    /// <summary>The verified mobile of a signed-in unit contact, or "".</summary>
    public static string UnitMobile(this ClaimsPrincipal user) => user.FindFirstValue(Roles.MobileClaim) ?? "";

    /// <summary>The competition of a signed-in unit contact, or null.</summary>
    public static int? UnitCompetitionId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Roles.CompetitionClaim), out var id) ? id : null;

    /// <summary>
    /// Signs a unit contact in: a new server-side session and the cookie with role Unit, the mobile, the competition and (once
    /// registered) the unit. An earlier session of the same browser is ended first.
    /// </summary>
    public static async Task SignInUnitAsync(HttpContext http, int competitionId, string mobile, int? unitId)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        await sessions.EndAsync(http.User.FindFirstValue(SessionStore.SessionClaim), CancellationToken.None);
        var session = await sessions.StartAsync(null, null, RegistrationService.Actor(mobile), http.RequestAborted, unitId);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"unit-contact:{mobile}"), new(ClaimTypes.Name, FilmVoting.PhoneVerification.Mask(mobile)),
            new(ClaimTypes.Role, Roles.Unit), new(Roles.MobileClaim, mobile), new(Roles.CompetitionClaim, competitionId.ToString()),
        };
        if (unitId is { } u) claims.Add(new(Roles.UnitIdClaim, u.ToString()));
        await AccountEndpoints.SignInAsync(http, claims, session);
    }

    private static IResult Refused(int status, Wording? refusal, IReadOnlyList<FieldProblem> problems, IStringLocalizer<Wordings> W) =>
        Results.Json(new
        {
            error = refusal is null ? W.Word(problems.FirstOrDefault()?.Message) : W.Word(refusal),
            problems = problems.Select(p => new { field = p.Field, message = W.Word(p.Message) }),
        }, statusCode: status);

    /// <summary>
    /// The unit endpoints (JSON, the signed-in unit's own data only; a present Origin must be this host):
    /// <list type="bullet">
    /// <item><c>POST /api/unit/code</c> <c>{mobile}</c> (anyone; <c>sign-in-unit-code</c> bucket) → 200/400/429 <c>{message}</c>.</item>
    /// <item><c>POST /unit/sign-in</c> (form: mobile, code, antiforgery, optional return) → 302 to <c>return</c> when it is a
    /// <c>/programmes</c> path (issue 13), else <c>/unit</c> or <c>/unit/register</c>; or back with an error (and the return).</item>
    /// <item><c>GET /api/unit/home</c> → the unit's page as JSON (registration, declarations, limits, what it can still do).</item>
    /// <item><c>POST /api/unit/declarations</c> <c>{track}</c> → 200 <c>{id}</c>; 409 <c>{error}</c> over the limit or after the deadline.</item>
    /// <item><c>POST /api/unit/declarations/{id}/draft</c> <c>{form, revision}</c> → 200 <c>{revision}</c>; 400 <c>{error, problems}</c>; 409; 404 when not the unit's.</item>
    /// <item><c>POST /api/unit/declarations/{id}/submit</c> → 200 <c>{entryId}</c>; 400 <c>{error, problems}</c>; 409.</item>
    /// <item><c>POST /api/unit/declarations/{id}/withdraw</c>; <c>POST /api/unit/contacts</c> <c>{mobile, name}</c>.</item>
    /// <item>Organiser: <c>GET/POST /api/competitions/{id}/intake-calendar</c> (ISO 8601 instants); <c>POST /api/units/{unitId}/limit</c> <c>{track, limit, reason}</c>.</item>
    /// </list>
    /// </summary>
    public static IEndpointRouteBuilder MapRegistration(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/unit/code", async (HttpContext http, CodeRequest body, UnitSignIn signIn, CancellationToken ct) =>
        {
            if (!Hosting.SameOrigin.Allows(http.Request)) return Results.Json(new { error = "请从申报页面操作" }, statusCode: 403);
            var r = await signIn.SendCodeAsync(body.Mobile, ct);
            return r.Status == 200 ? Results.Ok(new { message = r.Message }) : Results.Json(new { error = r.Message }, statusCode: r.Status);
        }).RequireRateLimiting(SignInLimits.UnitCode).DisableAntiforgery();

        app.MapPost("/unit/sign-in", async (HttpContext http, UnitSignIn signIn, RegistrationService registration,
            Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, CancellationToken ct) =>
        {
            // A return path (issue 13: the programmes' pages) survives the form and its errors; only /programmes… is followed.
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
            var ret = form?["return"].ToString() is { } rp && Programmes.ProgrammeApplicantEndpoints.IsReturnPath(rp) ? rp : null;
            var andReturn = ret is null ? "" : "&return=" + Uri.EscapeDataString(ret);
            if (form is null || !await antiforgery.IsRequestValidAsync(http)) return Results.Redirect("/unit/login?error=expired" + andReturn);
            var mobile = form["mobile"].ToString().Trim();
            if (!await signIn.VerifyAsync(mobile, form["code"], ct)) return Results.Redirect($"/unit/login?error=code&mobile={Uri.EscapeDataString(mobile)}{andReturn}");
            if (await registration.CurrentCompetitionAsync(ct) is not { } comp) return Results.Redirect("/unit/login?error=none" + andReturn);
            var unitId = await registration.UnitOfMobileAsync(comp.Id, mobile, ct);
            await SignInUnitAsync(http, comp.Id, mobile, unitId);
            return Results.LocalRedirect(ret ?? (unitId is null ? "/unit/register" : "/unit"));
        }).RequireRateLimiting(SignInLimits.UnitCode).DisableAntiforgery(); // validated above, to answer with the page

        var unit = app.MapGroup("/api/unit").RequireAuthorization(p => p.RequireRole(Roles.Unit)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从申报页面操作" }, statusCode: 403));

        unit.MapGet("/home", async (HttpContext http, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } id) return Results.Json(new { error = "请先完成在线报名" }, statusCode: 409);
            var home = await registration.HomeAsync(id, ct);
            if (home is null) return Results.NotFound();
            return Results.Ok(new
            {
                unit = new { home.Unit.Id, home.Unit.Name, recommender = home.RecommenderName, nature = home.Unit.Nature },
                registration = home.Registration is { } r ? new { r.IsMember, r.Address, r.Postcode, r.KeyField, r.Specialised, r.KeyIndustry, r.ContactName, r.ContactPost, r.ContactEmail, r.PlannedTracks, r.NoEntryYet } : null,
                contacts = home.Contacts.Select(c => new { c.Name, mobile = FilmVoting.PhoneVerification.Mask(c.Mobile), c.IsPrimary }),
                declarations = home.Declarations.Select(d => new
                {
                    d.Id, track = d.Track.ToString(), d.Title, status = d.Status.ToString(), entryCode = d.EntryCode, d.EntryId,
                    review = d.Review?.ToString(), d.ReturnReasons, recommendation = d.Recommendation, d.RecommendationSubmitted, d.Revision,
                }),
                limits = home.Limits.ToDictionary(kv => kv.Key.ToString(), kv => new { declared = kv.Value.Declared, limit = kv.Value.Limit }),
                stillPossible = home.StillPossible.Select(w => W.Word(w)),
            });
        });

        unit.MapPost("/declarations", async (HttpContext http, StartRequest body, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } id) return Results.Json(new { error = "请先完成在线报名" }, statusCode: 409);
            if (!Enum.TryParse<Track>(body.Track, true, out var track) || !Enum.IsDefined(track)) return Results.BadRequest(new { error = "track 须为 Speech、MicroFilm 或 InnovationCase" });
            var r = await registration.StartDeclarationAsync(id, track, ct);
            return r.Ok ? Results.Ok(new { id = r.Value }) : Refused(r.Status, r.Refusal, r.Problems, W);
        });

        unit.MapPost("/declarations/{id:int}/draft", async (int id, HttpContext http, DraftRequest body, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } unitId) return Results.Json(new { error = "请先完成在线报名" }, statusCode: 409);
            var r = await registration.SaveDraftAsync(unitId, id, body.ToForm(), body.Revision, ct);
            return r.Ok ? Results.Ok(new { revision = r.Value }) : Refused(r.Status, r.Refusal, r.Problems, W);
        });

        unit.MapPost("/declarations/{id:int}/submit", async (int id, HttpContext http, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } unitId) return Results.Json(new { error = "请先完成在线报名" }, statusCode: 409);
            var r = await registration.SubmitAsync(unitId, id, http.User.UnitMobile(), ct);
            return r.Ok ? Results.Ok(new { entryId = r.Value }) : Refused(r.Status, r.Refusal, r.Problems, W);
        });

        unit.MapPost("/declarations/{id:int}/withdraw", async (int id, HttpContext http, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } unitId) return Results.Json(new { error = "请先完成在线报名" }, statusCode: 409);
            var r = await registration.WithdrawDraftAsync(unitId, id, ct);
            return r.Ok ? Results.Ok(new { id }) : Refused(r.Status, r.Refusal, r.Problems, W);
        });

        unit.MapPost("/contacts", async (HttpContext http, ContactRequest body, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } unitId) return Results.Json(new { error = "请先完成在线报名" }, statusCode: 409);
            var r = await registration.AddContactAsync(unitId, http.User.UnitMobile(), body.Mobile, body.Name, ct);
            return r.Ok ? Results.Ok(new { id = r.Value }) : Refused(r.Status, r.Refusal, r.Problems, W);
        });

        // Materials (logo, profile, stamped declaration, extras): a form post from the unit's pages (antiforgery, multipart
        // with fields kind, entryId, returnUrl and file), then back to the page with ?m=ok or ?m=<the refusal>.
        app.MapPost("/unit/materials", async (HttpContext http, UnitMaterials materials, RegistrationService registration,
            Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } unitId) return Results.Redirect("/unit/login");
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = MaterialRules.MaxBytes + (1 << 20);
            if (!http.Request.HasFormContentType) return Results.BadRequest();
            IFormCollection form;
            try { form = await http.Request.ReadFormAsync(ct); }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Results.Redirect("/unit?m=" + Uri.EscapeDataString(W.Word(MaterialRules.Refusal(MaterialKind.Extra, null, MaterialRules.MaxBytes + 1))!));
            }
            var back = form["returnUrl"].ToString() is { } r && r.StartsWith("/unit", StringComparison.Ordinal) && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/unit";
            string Back(string m) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(back.Split('?')[0], "m", m);
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.Redirect(Back("expired"));
            if (!Enum.TryParse<MaterialKind>(form["kind"], out var kind) || !Enum.IsDefined(kind)) return Results.BadRequest();
            int? entryId = int.TryParse(form["entryId"], out var eid) ? eid : null;
            if (form.Files.GetFile("file") is not { } file) return Results.Redirect(Back(W.Word(MaterialRules.Refusal(kind, null, 0))!));
            var unit = await registration.HomeAsync(unitId, ct);
            if (unit is null) return Results.Redirect("/unit/login");
            await using var stream = file.OpenReadStream();
            var (_, _, refusal) = await materials.StoreAsync(unitId, kind, entryId, file.FileName, stream, RegistrationService.Actor(http.User.UnitMobile()), unit.Calendar, ct);
            return Results.Redirect(Back(refusal is null ? "ok" : W.Word(refusal)!));
        }).RequireAuthorization(p => p.RequireRole(Roles.Unit)).DisableAntiforgery();

        // The declaration form (附件2) generated from the unit's data, to print, sign, stamp and upload as a scan.
        app.MapGet("/unit/declarations/{id:int}/form.pdf", async (int id, HttpContext http, RegistrationService registration,
            IStringLocalizer<Scoring.JudgeReportService> reports, CancellationToken ct) =>
        {
            if (http.User.UnitId() is not { } unitId) return Results.Redirect("/unit/register");
            if (await registration.FormDataAsync(unitId, id, ct) is not { } data) return Results.NotFound();
            if (!Hosting.CjkFonts.Available) return Results.Text(reports["服务器未安装可用的中文字体，无法生成 PDF。请安装 fonts-wqy-zenhei（apt-get install fonts-wqy-zenhei）后重试。"], "text/plain; charset=utf-8", statusCode: 503);
            http.Response.Headers.CacheControl = "private, no-store";
            var name = Judging.Domain.Cases.NamingRule.Expected(data.Unit.Name, data.Entry.Title.Length > 0 ? data.Entry.Title + "（申报表）" : "申报表", ".pdf");
            return Results.File(Forms.DeclarationFormPdf.Render(data), "application/pdf", fileDownloadName: name);
        }).RequireAuthorization(p => p.RequireRole(Roles.Unit));

        app.MapGet("/unit-materials/{id:long}", async (long id, HttpContext http, UnitMaterials materials, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
            if (await materials.ReadableAsync(id, http.User, ct) is not { } file || !File.Exists(file.Path)) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Path, file.ContentType, fileDownloadName: file.DownloadName);
        });

        var organiser = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).AddEndpointFilter(async (ctx, next) =>
            Hosting.SameOrigin.Allows(ctx.HttpContext.Request) ? await next(ctx) : Results.Json(new { error = "请从组织者页面操作" }, statusCode: 403));

        organiser.MapGet("/competitions/{id:int}/intake-calendar", async (int id, RegistrationService registration, CancellationToken ct) =>
            Results.Ok(CalendarDto.Of(await registration.CalendarAsync(id, ct))));

        organiser.MapPost("/competitions/{id:int}/intake-calendar", async (int id, HttpContext http, CalendarDto body, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (body.ToCalendar() is not { } calendar) return Results.BadRequest(new { error = "六个日期都须填写（ISO 8601，带时区）" });
            var problems = await registration.SetCalendarAsync(id, calendar, $"组织者 {http.User.Identity?.Name}", ct);
            return problems.Count == 0 ? Results.Ok(CalendarDto.Of(calendar)) : Results.Json(new { error = string.Join("；", problems.Select(p => W.Word(p))) }, statusCode: 400);
        });

        organiser.MapPost("/units/{unitId:int}/limit", async (int unitId, HttpContext http, LiftRequest body, RegistrationService registration, IStringLocalizer<Wordings> W, CancellationToken ct) =>
        {
            if (!Enum.TryParse<Track>(body.Track, true, out var track) || !Enum.IsDefined(track)) return Results.BadRequest(new { error = "track 须为 Speech、MicroFilm 或 InnovationCase" });
            var error = await registration.LiftLimitAsync(unitId, track, body.Limit, body.Reason, $"组织者 {http.User.Identity?.Name}", ct);
            return error is null ? Results.Ok(new { unitId, track = track.ToString(), body.Limit }) : Results.Json(new { error = W.Word(error) }, statusCode: 409);
        });
        return app;
    }
}

/// <summary><c>POST /api/unit/code</c>: <c>{"mobile": "13800138000"}</c>.</summary>
public sealed record CodeRequest(string? Mobile);

/// <summary><c>POST /api/unit/declarations</c>: <c>{"track": "Speech"}</c>.</summary>
public sealed record StartRequest(string? Track);

/// <summary><c>POST /api/unit/contacts</c>: <c>{"mobile": "13900139000", "name": "李四"}</c>.</summary>
public sealed record ContactRequest(string? Mobile, string? Name);

/// <summary><c>POST /api/units/{unitId}/limit</c>: <c>{"track": "InnovationCase", "limit": 2, "reason": "…"}</c>.</summary>
public sealed record LiftRequest(string? Track, int Limit, string? Reason);

/// <summary>A draft as the declaration page sends it: the form's fields and the revision the page last saw.</summary>
public sealed record DraftRequest(
    string? Title, string? Category, int? DurationMinutes, string? Creator, string? ContactName, string? ContactAddress, string? ContactDept,
    string? ContactPost, string? ContactMobile, string? ContactEmail, string? Synopsis, string[]? Honours, string? HonourOther, bool[]? Commitments,
    int? Revision)
{
    /// <summary>The domain's form.</summary>
    public DeclarationForm ToForm() => new(Title, Category, DurationMinutes, Creator, ContactName, ContactAddress, ContactDept, ContactPost,
        ContactMobile, ContactEmail, Synopsis, Honours ?? [], HonourOther, Commitments ?? []);
}

/// <summary>The intake calendar as JSON (ISO 8601 instants; answered in Beijing time, +08:00).</summary>
public sealed record CalendarDto(DateTimeOffset? RegistrationOpens, DateTimeOffset? RegistrationCloses, DateTimeOffset? SpeechDue,
    DateTimeOffset? FilmAndCaseDue, DateTimeOffset? RecommendationDue, DateTimeOffset? FormalReviewCloses)
{
    /// <summary>From the domain's calendar, in Beijing time.</summary>
    public static CalendarDto Of(IntakeCalendar c) => new(ShanghaiTime.ToLocal(c.RegistrationOpens), ShanghaiTime.ToLocal(c.RegistrationCloses),
        ShanghaiTime.ToLocal(c.SpeechDue), ShanghaiTime.ToLocal(c.FilmAndCaseDue), ShanghaiTime.ToLocal(c.RecommendationDue), ShanghaiTime.ToLocal(c.FormalReviewCloses));

    /// <summary>The domain's calendar (UTC), or null when a date is missing.</summary>
    public IntakeCalendar? ToCalendar() =>
        RegistrationOpens is { } a && RegistrationCloses is { } b && SpeechDue is { } c && FilmAndCaseDue is { } d && RecommendationDue is { } e && FormalReviewCloses is { } f
            ? new IntakeCalendar(a.ToUniversalTime(), b.ToUniversalTime(), c.ToUniversalTime(), d.ToUniversalTime(), e.ToUniversalTime(), f.ToUniversalTime())
            : null;
}
