namespace Judging.App.Accounts;

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Sign-in: organisers by name and password; judges by their code (typed once, or the QR link
/// <c>/j/{code}</c>) — no password typing on stage. First run: a one-time setup link printed to the console.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Maps the sign-in, sign-out and setup endpoints (form posts with antiforgery).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (HttpContext http, JudgingDb db, SignInLockout lockout, [Microsoft.AspNetCore.Mvc.FromForm] LoginForm form) =>
        {
            // A locked account is refused before its password is checked, so guessing on learns nothing.
            var key = SignInLockout.Account(form.UserName);
            if (lockout.IsLocked(key)) return Results.Redirect("/login?error=locked");
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == form.UserName);
            var hasher = new PasswordHasher<UserAccount>();
            if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, form.Password ?? "") == PasswordVerificationResult.Failed)
                return Results.Redirect(lockout.Fail(key) ? "/login?error=locked" : "/login?error=1");
            lockout.Succeed(key);
            await SignInUserAsync(http, user);
            // A recommender's account (issue 15) has its own page; a return URL elsewhere would only be denied.
            if (user.Role == Roles.Recommender)
                return Results.LocalRedirect(RecommenderReturn(form.ReturnUrl));
            return Results.LocalRedirect(SafeReturn(form.ReturnUrl, "/organiser"));
        }).RequireRateLimiting(SignInLimits.Password);

        app.MapPost("/account/judge-login", async (HttpContext http, JudgingDb db, SignInLockout lockout, [Microsoft.AspNetCore.Mvc.FromForm] JudgeLoginForm form) =>
            JudgeRedirect(await JudgeSignInAsync(http, db, lockout, form.Code)))
            .RequireRateLimiting(SignInLimits.JudgeCode);

        // The QR code printed for each judge points here.
        app.MapGet("/j/{code}", async (HttpContext http, JudgingDb db, SignInLockout lockout, string code) =>
            JudgeRedirect(await JudgeSignInAsync(http, db, lockout, code)))
            .RequireRateLimiting(SignInLimits.JudgeCode);

        // Logout ends the server-side session (a saved copy of the cookie stops working too) and needs the page's
        // antiforgery token (a cross-site form cannot sign anyone out). The browser is told to clear the site's storage
        // (judge drafts in localStorage; judge.js also clears them when the form is sent, for plain-http venues).
        app.MapPost("/account/logout", async (HttpContext http, SessionStore sessions, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Content("页面已过期，请刷新页面后再点“退出”。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            await sessions.EndAsync(http.User.FindFirstValue(SessionStore.SessionClaim), CancellationToken.None);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            http.Response.Headers["Clear-Site-Data"] = "\"storage\"";
            return Results.LocalRedirect("/");
        }).DisableAntiforgery(); // validated above, to answer in Chinese

        // The organiser signs out one judge, a judge's panel, or everyone but themselves (audited). JSON only (a cross-site
        // form cannot send it without a preflight), and a present Origin must be this host.
        app.MapPost("/api/sessions/revoke", async (HttpContext http, RevokeRequest body, SessionStore sessions, CancellationToken ct) =>
        {
            if (!Hosting.SameOrigin.Allows(http.Request)) return Results.Json(new { error = "请从组织者页面操作" }, statusCode: StatusCodes.Status403Forbidden);
            if (!Enum.TryParse<RevokeScope>(body.Scope, ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
                return Results.BadRequest(new { error = "scope 须为 judge、panel 或 everyone" });
            var (ended, error) = await sessions.RevokeAsync(scope, body.JudgeId, $"组织者 {http.User.Identity?.Name}", http.User.FindFirstValue(SessionStore.SessionClaim), ct);
            return error is null ? Results.Ok(new { ended }) : Results.NotFound(new { error });
        }).RequireAuthorization(p => p.RequireRole(Roles.Organiser));

        app.MapPost("/setup/{token}", async (HttpContext http, JudgingDb db, TimeProvider clock, string token, [Microsoft.AspNetCore.Mvc.FromForm] SetupForm form) =>
        {
            var hash = SetupLink.Hash(token);
            var error = SetupForm.Validate(form);
            if (error is not null) return Results.Redirect($"/setup/{token}?error={Uri.EscapeDataString(error)}");
            await using var tx = await db.Database.BeginTransactionAsync();
            // Claim the token atomically: of two simultaneous requests, only one changes the row.
            var now = clock.GetUtcNow();
            var claimed = await db.SetupTokens.Where(t => t.TokenHash == hash && t.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now));
            if (claimed != 1 || await db.Users.AnyAsync(u => u.Role == Roles.Organiser))
                return Results.Redirect("/setup/invalid");
            var user = new UserAccount { UserName = form.UserName!.Trim(), DisplayName = form.DisplayName!.Trim(), PasswordHash = "", Role = Roles.Organiser, CreatedAt = now };
            user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, form.Password!);
            db.Users.Add(user);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            await SignInUserAsync(http, user);
            return Results.LocalRedirect("/organiser");
        }).RequireRateLimiting(SignInLimits.Setup);
    }

    private enum JudgeSignIn { SignedIn, Wrong, Locked }

    private static IResult JudgeRedirect(JudgeSignIn result) => result switch
    {
        JudgeSignIn.SignedIn => Results.LocalRedirect("/judge"),
        JudgeSignIn.Locked => Results.Redirect("/judge/login?error=locked"),
        _ => Results.Redirect("/judge/login?error=1"),
    };

    private static async Task<JudgeSignIn> JudgeSignInAsync(HttpContext http, JudgingDb db, SignInLockout lockout, string? code)
    {
        code = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code)) return JudgeSignIn.Wrong;
        var key = SignInLockout.Code(code);
        if (lockout.IsLocked(key)) return JudgeSignIn.Locked;
        var judge = await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.AccessCode == code);
        if (judge is null) return lockout.Fail(key) ? JudgeSignIn.Locked : JudgeSignIn.Wrong;
        lockout.Succeed(key);
        var session = await http.RequestServices.GetRequiredService<SessionStore>().StartAsync(null, judge.Id, $"评委 {judge.Code} {judge.Name}", http.RequestAborted);
        await SignInAsync(http, JudgeClaims(judge), session);
        return JudgeSignIn.SignedIn;
    }

    /// <summary>
    /// Signs in an account of <see cref="UserAccount"/> (an organiser, or a recommender with its
    /// <see cref="Roles.RecommenderIdClaim"/>, issue 15): a new server-side session and the cookie.
    /// </summary>
    public static async Task SignInUserAsync(HttpContext http, UserAccount user)
    {
        var label = user.Role == Roles.Recommender ? $"推荐单位 {user.DisplayName}" : $"组织者 {user.DisplayName}";
        var session = await http.RequestServices.GetRequiredService<SessionStore>().StartAsync(user.Id, null, label, http.RequestAborted);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, $"user:{user.Id}"), new(ClaimTypes.Name, user.DisplayName), new(ClaimTypes.Role, user.Role) };
        if (user.Role == Roles.Recommender && user.RecommenderId is { } rid) claims.Add(new(Roles.RecommenderIdClaim, rid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await SignInAsync(http, claims, session);
    }

    /// <summary>Claims of a signed-in judge: Judge role, plus ChiefJudge for a 评委会主任.</summary>
    public static List<Claim> JudgeClaims(Judge judge)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"judge:{judge.Id}"), new(ClaimTypes.Name, judge.Name),
            new(ClaimTypes.Role, Roles.Judge), new(Roles.JudgeIdClaim, judge.Id.ToString()),
        };
        if (judge.IsChief) claims.Add(new(ClaimTypes.Role, Roles.ChiefJudge));
        return claims;
    }

    /// <summary>
    /// Issues the cookie of <paramref name="session"/>: its id in <see cref="SessionStore.SessionClaim"/>; a judge's cookie
    /// expires with the session at the end of the Shanghai day and is never slid past it.
    /// </summary>
    public static Task SignInAsync(HttpContext http, List<Claim> claims, SignInSession session)
    {
        claims.Add(new(SessionStore.SessionClaim, session.Id));
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = session.ExpiresAt, AllowRefresh = session.ExpiresAt is null ? null : false });
    }

    /// <summary>The return URL when it is local to this app ("/x", not "//host" or "/\\host"), else the fallback.</summary>
    private static string SafeReturn(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\\')
            ? url : fallback;

    /// <summary>Where a recommender goes after signing in: a local return URL under <c>/recommender</c>, else <c>/recommender</c>.</summary>
    private static string RecommenderReturn(string? url)
    {
        var back = SafeReturn(url, "/recommender");
        return back == "/recommender" || back.StartsWith("/recommender/", StringComparison.Ordinal) || back.StartsWith("/recommender?", StringComparison.Ordinal) ? back : "/recommender";
    }

    /// <summary>The judge id of a signed-in judge, or null.</summary>
    public static int? JudgeId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Roles.JudgeIdClaim), out var id) ? id : null;
}

/// <summary>
/// Body of <c>POST /api/sessions/revoke</c>: <c>{"scope":"judge","judgeId":12}</c>, <c>{"scope":"panel","judgeId":12}</c>
/// (that judge's panel) or <c>{"scope":"everyone"}</c> (all but the caller) → 200 <c>{"ended": n}</c>.
/// </summary>
public sealed record RevokeRequest(string? Scope, int? JudgeId);

/// <summary>Organiser sign-in form.</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>Judge sign-in form: the code printed on the judge's card.</summary>
public sealed class JudgeLoginForm
{
    public string? Code { get; set; }
}

/// <summary>First organiser account form.</summary>
public sealed class SetupForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }

    /// <summary>Chinese error, or null when valid: name 3–40 characters, password at least 10.</summary>
    public static string? Validate(SetupForm f)
    {
        if (string.IsNullOrWhiteSpace(f.UserName) || f.UserName.Trim().Length is < 3 or > 40) return "用户名须为 3–40 个字符";
        if (string.IsNullOrWhiteSpace(f.DisplayName)) return "请填写姓名";
        if (string.IsNullOrEmpty(f.Password) || f.Password.Length < 10) return "密码至少 10 个字符";
        return null;
    }
}

/// <summary>
/// The first-run link: while no organiser exists, each start issues a random token, stores only its
/// SHA-256, and prints <c>/setup/{token}</c> to the console. The first account created consumes it.
/// </summary>
public static class SetupLink
{
    /// <summary>Hex SHA-256 of a token.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Issues a token when no organiser exists; returns it, or null when setup is done.</summary>
    public static async Task<string?> IssueIfNeededAsync(JudgingDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Role == Roles.Organiser, ct)) return null;
        // Only the newest link works: links printed at earlier starts are retired.
        await db.SetupTokens.Where(t => t.UsedAt == null).ExecuteDeleteAsync(ct);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        db.SetupTokens.Add(new SetupToken { TokenHash = Hash(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return token;
    }
}
