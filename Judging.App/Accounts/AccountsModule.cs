namespace Judging.App.Accounts;

using Microsoft.AspNetCore.Authentication.Cookies;

/// <summary>
/// Accounts: the sign-in cookie with its server-side session (checked on every request, issue 10 item 8), roles,
/// sign-in rate limits and lockouts (item 9), and the account endpoints (sign-in, judge codes, setup, logout, sessions).
/// </summary>
public static class AccountsModule
{
    /// <summary>Cookie authentication, authorization, sign-in limits, the session store and Blazor's auth state.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(3);
            o.SlidingExpiration = true;
            o.Cookie.Name = "judging.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            // Every request checks the server-side session (issue 10, item 8): logout and revocation end it.
            o.Events.OnValidatePrincipal = SessionStore.ValidateAsync;
            // Judges land on the code sign-in, not the organiser's password form.
            // The JSON API answers 401/403; it never redirects to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx =>
            {
                var path = ctx.Request.Path;
                if (path.StartsWithSegments("/api")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect(path.StartsWithSegments("/judge") || path.StartsWithSegments("/chief") || path.StartsWithSegments("/expert") ? "/judge/login"
                    : path.StartsWithSegments("/unit") ? "/unit/login"
                    : path.StartsWithSegments("/programmes") ? Programmes.ProgrammeApplicantEndpoints.SignInFor(path + ctx.Request.QueryString) : ctx.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        // Sign-in: one per-address bucket per endpoint kind (judge codes, organiser passwords, setup) and a lockout per
        // account or code (Judging:SignIn, issue 10 item 9). A refusal is a Chinese text, never an error page.
        services.AddSignInLimits();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("登录尝试过于频繁，请一分钟后再试。", ct);
            };
        });
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .Validate(o => o.CacheSeconds >= 0 && o.CircuitRevalidateSeconds > 0, "Judging:Sessions is invalid").ValidateOnStart();
        services.AddSingleton<SessionStore>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.AddSingleton<SetupLinks>();
        return services;
    }

    /// <summary>The account endpoints (<see cref="AccountEndpoints.MapAccountEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        return app;
    }
}
