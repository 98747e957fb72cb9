namespace Judging.App.Accounts;

using Judging.App.LiveRounds;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.Scoring;
using Judging.Domain.FilmVoting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// One sign-in (issue 10, item 8): the server's record of a session cookie. The cookie carries only its
/// <see cref="Id"/> (claim <see cref="SessionStore.SessionClaim"/>); every request checks the record, so logging out,
/// or an organiser signing a judge out, ends the session even for a copy of the cookie saved earlier.
/// </summary>
public sealed class SignInSession
{
    /// <summary>32 random hex characters (128 bits).</summary>
    public required string Id { get; set; }
    /// <summary>The signed-in organiser's account id, or null.</summary>
    public int? UserId { get; set; }
    /// <summary>The signed-in judge's id, or null.</summary>
    public int? JudgeId { get; set; }
    /// <summary>The signed-in unit contact's unit (issue 15), or null (also while the contact has not registered yet).</summary>
    public int? UnitId { get; set; }
    /// <summary>For people: "组织者 俞琳", "评委 PW-01 王丽华", "参赛单位 138****8000".</summary>
    public required string Label { get; set; }
    /// <summary>When signed in (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the session ends by itself (UTC): a judge's at the end of the Shanghai day; null for an organiser (the cookie's own expiry).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>When ended (logout or revocation), or null while active.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Who ended it: "退出登录" for a logout, else the organiser.</summary>
    public string? RevokedBy { get; set; }
}

/// <summary>Settings of sessions, section <c>Judging:Sessions</c>.</summary>
public sealed class SessionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:Sessions";

    /// <summary>
    /// Seconds a session's state is cached in memory (default 5). A revocation in this app instance takes effect at
    /// once; this bounds how long another instance may still accept a revoked cookie. 0: read the database every request.
    /// </summary>
    public int CacheSeconds { get; set; } = 5;

    /// <summary>Seconds between re-checks of the session of an open interactive page (Blazor circuit), default 10.</summary>
    public int CircuitRevalidateSeconds { get; set; } = 10;
}

/// <summary>Who is signed out by <see cref="SessionStore.RevokeAsync"/>.</summary>
public enum RevokeScope
{
    /// <summary>One judge (every session of theirs).</summary>
    Judge,
    /// <summary>The judge's whole panel: same competition, track and division (the final's panel: no division).</summary>
    Panel,
    /// <summary>Every session but the acting organiser's own.</summary>
    Everyone,
}

/// <summary>A signed-in session as the organiser's page lists it.</summary>
/// <param name="Id">The session id.</param>
/// <param name="Label">"评委 PW-01 王丽华" or "组织者 俞琳".</param>
/// <param name="JudgeId">The judge, or null for an organiser.</param>
/// <param name="Panel">The judge's panel ("浦东赛区评委组"), or null.</param>
/// <param name="CreatedAt">When signed in.</param>
/// <param name="ExpiresAt">When it ends by itself, or null.</param>
/// <param name="LastSeenAt">When this app instance last checked the session for a request (within
/// <see cref="SessionOptions.CacheSeconds"/> of its latest request here), or null when not seen here since start.</param>
/// <param name="Role">Who signed in, one of <see cref="Roles"/>: <see cref="Roles.Judge"/> for a judge's session,
/// <see cref="Roles.Unit"/> for a unit's contact (issue 15; also before the unit is registered), otherwise the account's role (<see cref="Roles.Organiser"/>,
/// <see cref="Roles.Recommender"/>).</param>
public sealed record ActiveSession(string Id, string Label, int? JudgeId, string? Panel, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastSeenAt = null, string Role = Roles.Organiser);

/// <summary>
/// The sessions of signed-in people (issue 10, item 8). Sign-in creates a <see cref="SignInSession"/>; the cookie's
/// <c>OnValidatePrincipal</c> calls <see cref="IsActiveAsync"/> on every request (state cached
/// <see cref="SessionOptions.CacheSeconds"/> seconds; a revocation here clears the cache at once); logout and the
/// organiser's revocations end sessions. A judge's session lasts one event day: until 24:00 Shanghai time of the day
/// of sign-in. Singleton.
/// </summary>
public sealed class SessionStore(IDbContextFactory<JudgingDb> factory, TimeProvider clock, IOptionsMonitor<SessionOptions> options,
    Microsoft.Extensions.Localization.IStringLocalizerFactory texts)
{
    /// <summary>This file's texts (Resources/Accounts/Sessions.en.resx; the file is named for the feature, not the class).</summary>
    private readonly Microsoft.Extensions.Localization.IStringLocalizer L = texts.Create("Accounts.Sessions", typeof(SessionStore).Assembly.GetName().Name!);

    /// <summary>The claim holding the session id.</summary>
    public const string SessionClaim = "judging:sid";

    private readonly record struct Cached(bool Active, DateTimeOffset? ExpiresAt, DateTimeOffset CheckedAt);

    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    /// <summary>Adds the sessions table (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(Microsoft.EntityFrameworkCore.ModelBuilder b) => b.Entity<SignInSession>(e =>
    {
        e.ToTable("SignInSessions");
        e.Property(x => x.Id).HasMaxLength(32);
        e.Property(x => x.Label).HasMaxLength(200);
        e.Property(x => x.RevokedBy).HasMaxLength(200);
        e.HasIndex(x => x.JudgeId);
        e.HasIndex(x => x.UserId);
    });

    /// <summary>The end of a judge's session signed in at <paramref name="at"/>: the next 00:00 in Shanghai.</summary>
    public static DateTimeOffset EndOfEventDay(DateTimeOffset at)
    {
        var local = ShanghaiTime.ToLocal(at);
        return ShanghaiTime.FromLocal(local.Date.AddDays(1)).ToUniversalTime();
    }

    /// <summary>Creates the session of a sign-in and returns its id (to put in <see cref="SessionClaim"/>).</summary>
    /// <remarks><paramref name="unitId"/>: a unit contact's unit (issue 15), null otherwise.</remarks>
    public async Task<SignInSession> StartAsync(int? userId, int? judgeId, string label, CancellationToken ct, int? unitId = null)
    {
        var now = clock.GetUtcNow();
        var session = new SignInSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), UserId = userId, JudgeId = judgeId, UnitId = unitId, Label = label,
            CreatedAt = now, ExpiresAt = judgeId is null ? null : EndOfEventDay(now),
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(session);
        await db.SaveChangesAsync(ct);
        cache[session.Id] = new Cached(true, session.ExpiresAt, now);
        return session;
    }

    /// <summary>True when session <paramref name="id"/> exists, is not revoked and has not expired.</summary>
    public async ValueTask<bool> IsActiveAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id)) return false;
        var now = clock.GetUtcNow();
        if (!cache.TryGetValue(id, out var c) || now - c.CheckedAt >= TimeSpan.FromSeconds(options.CurrentValue.CacheSeconds))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var row = await db.Set<SignInSession>().AsNoTracking().Where(s => s.Id == id).Select(s => new { s.RevokedAt, s.ExpiresAt }).FirstOrDefaultAsync(ct);
            c = new Cached(row is { RevokedAt: null }, row?.ExpiresAt, now);
            if (cache.Count > 100_000) cache.Clear();
            cache[id] = c;
        }
        return c.Active && (c.ExpiresAt is not { } until || until > now);
    }

    /// <summary>Ends session <paramref name="id"/> (logout).</summary>
    public async Task EndAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id)) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Set<SignInSession>().Where(s => s.Id == id && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedBy, "退出登录"), ct);
        cache[id] = new Cached(false, null, now);
    }

    /// <summary>The active sessions, judges by panel then number, organisers last.</summary>
    public async Task<IReadOnlyList<ActiveSession>> ActiveAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows = (await db.Set<SignInSession>().AsNoTracking().Where(s => s.RevokedAt == null).ToListAsync(ct))
            .Where(s => s.ExpiresAt is not { } e || e > now).ToList();
        var judgeIds = rows.Where(r => r.JudgeId != null).Select(r => r.JudgeId!.Value).Distinct().ToList();
        var judges = await db.Judges.AsNoTracking().Where(j => judgeIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var userIds = rows.Where(r => r.UserId != null).Select(r => r.UserId!.Value).Distinct().ToList();
        var userRoles = await db.Set<UserAccount>().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Role, ct);
        return rows.Select(r => new ActiveSession(r.Id, r.Label, r.JudgeId,
                r.JudgeId is { } j && judges.TryGetValue(j, out var judge) ? PanelName(judge, divisions) : null, r.CreatedAt, r.ExpiresAt,
                cache.TryGetValue(r.Id, out var seen) ? seen.CheckedAt : null,
                r.JudgeId != null ? Roles.Judge
                : r.UserId is { } u ? (userRoles.TryGetValue(u, out var role) ? role : Roles.Organiser)
                // A unit's contact: signed in by SMS, with its unit or (before the registration form is done) without one.
                : Roles.Unit))
            .OrderBy(s => s.JudgeId is null).ThenBy(s => s.Panel, StringComparer.Ordinal).ThenBy(s => s.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>"浦东赛区评委组", "演讲决赛评委组", "微电影专家组".</summary>
    public static string PanelName(Judge judge, IReadOnlyDictionary<int, string> divisions) =>
        judge.DivisionId is { } d && divisions.TryGetValue(d, out var name) ? $"{name}评委组"
        : judge.Track == Track.Speech ? "演讲决赛评委组" : $"{ChineseNames.Of(judge.Track)}专家组";

    /// <summary>
    /// Signs out <paramref name="scope"/> (<paramref name="judgeId"/> for one judge or their panel), except the acting
    /// organiser's own session <paramref name="exceptSessionId"/>; audited with <paramref name="actor"/>. Returns the
    /// number of sessions ended, or a Chinese error.
    /// </summary>
    public async Task<(int Ended, string? Error)> RevokeAsync(RevokeScope scope, int? judgeId, string actor, string? exceptSessionId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sessions = db.Set<SignInSession>().Where(s => s.RevokedAt == null);
        string action, subject;
        switch (scope)
        {
            case RevokeScope.Judge or RevokeScope.Panel:
                var judge = judgeId is { } id ? await db.Judges.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct) : null;
                if (judge is null) return (0, L["没有这位评委"]);
                if (scope == RevokeScope.Judge)
                {
                    sessions = sessions.Where(s => s.JudgeId == judge.Id);
                    (action, subject) = ("强制退出：评委", $"评委 {judge.Code} {judge.Name}");
                }
                else
                {
                    var panel = db.PanelOf(judge).Select(j => j.Id);
                    sessions = sessions.Where(s => s.JudgeId != null && panel.Contains(s.JudgeId.Value));
                    var divisions = await db.Divisions.AsNoTracking().Where(d => d.Id == judge.DivisionId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
                    (action, subject) = ("强制退出：评委组", PanelName(judge, divisions));
                }
                break;
            default:
                sessions = sessions.Where(s => s.Id != exceptSessionId);
                (action, subject) = ("强制退出：全部", "除本人外的全部登录");
                break;
        }
        var ids = await sessions.Select(s => s.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ended = await db.Set<SignInSession>().Where(s => ids.Contains(s.Id) && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedBy, actor), ct);
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = actor, Action = action, Subject = subject, After = $"结束 {ended} 个登录会话" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var id in ids) cache[id] = new Cached(false, null, now);
        return (ended, null);
    }

    /// <summary>
    /// The cookie's <c>OnValidatePrincipal</c>: rejects (and signs out) a principal whose session is missing, revoked or
    /// expired; a judge's cookie is never slid past the end of its event day.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var store = ctx.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (!await store.IsActiveAsync(ctx.Principal?.FindFirstValue(SessionClaim), ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (ctx.Principal!.IsInRole(Roles.Judge)) ctx.ShouldRenew = false;
    }
}

/// <summary>
/// The interactive pages' (Blazor circuits') authentication state, re-checked every
/// <see cref="SessionOptions.CircuitRevalidateSeconds"/>: a revoked session's open page loses its sign-in within seconds.
/// </summary>
public sealed class SessionRevalidatingStateProvider(ILoggerFactory logs, SessionStore sessions, IOptions<SessionOptions> options)
    : Microsoft.AspNetCore.Components.Server.RevalidatingServerAuthenticationStateProvider(logs)
{
    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.CircuitRevalidateSeconds));

    /// <inheritdoc />
    protected override async Task<bool> ValidateAuthenticationStateAsync(Microsoft.AspNetCore.Components.Authorization.AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true || await sessions.IsActiveAsync(state.User.FindFirstValue(SessionStore.SessionClaim), ct);
}
