namespace Judging.App.FilmVoting;

using Judging.Domain.Competitions;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Judging.App.VenueVoting;
using Judging.App.Persistence;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// The JSON endpoints of the public film vote (issue 4; the contract the public pages code against):
/// <list type="bullet">
/// <item><c>POST /api/voting/{competitionId}/code</c> <c>{"phone"}</c> → 200 <c>{"message":"验证码已发送"}</c>, 400 / 429 / 503 <c>{"error"}</c>.</item>
/// <item><c>POST /api/voting/{competitionId}/verify</c> <c>{"phone","code"}</c> → 200 <c>{"message":"验证成功"}</c> + voter and device cookies; 400 <c>{"error":"验证码错误或已过期"}</c>.</item>
/// <item><c>POST /api/films/{entryId}/votes</c> (no body) → 200 <c>{"accepted","counted","count","message"}</c>; 401, 403 (window, or a foreign
/// <c>Origin</c>), 404, 409 (quota), 429 (rate limit), 503 (not stored) <c>{"error"}</c>.</item>
/// <item><c>GET /api/voting/{competitionId}/rules</c> → <c>{"opensAt","closesAt","rule","perDay","open"}</c> (times +08:00, null = no bound).</item>
/// <item><c>POST /api/competitions/{competitionId}/vote-clusters/{clusterId}/decision</c> <c>{"include","reason"}</c> (organiser) → 200
/// <c>{"message"}</c>, 409 <c>{"error"}</c>: the review page's 计入 / 排除.</item>
/// </list>
/// No antiforgery token on these JSON posts: the voter cookie is SameSite=Strict, so a cross-site page cannot send it;
/// a cross-site form cannot send <c>application/json</c> without a CORS preflight (which this app never grants), and
/// a present <c>Origin</c> header must name this host. A forged vote would also need a phone-verified cookie.
/// </summary>
public static class VotingEndpoints
{
    /// <summary>Characters of user agent stored with a vote.</summary>
    public const int UserAgentMaxLength = 120;

    /// <summary>An error answer: <c>{"error": "…"}</c>.</summary>
    public sealed record ErrorBody(string Error);

    /// <summary>A success answer of code and verify: <c>{"message": "…"}</c>.</summary>
    public sealed record MessageBody(string Message);

    /// <summary>An organiser's decision on a held cluster: 计入 (<c>include: true</c>) or 排除, with a reason.</summary>
    public sealed record ClusterDecisionBody(bool Include, string? Reason);

    /// <summary>The vote's answer.</summary>
    public sealed record VoteBody(bool Accepted, bool Counted, long Count, string Message);

    /// <summary>The rules' answer.</summary>
    public sealed record RulesBody(string? OpensAt, string? ClosesAt, string Rule, int PerDay, bool Open, string Window);

    private sealed record PhoneBody(string? Phone, string? Code);

    /// <summary>True for the requests the vote rate limits apply to: POSTs under <c>/api/voting</c> and to <c>/api/films/{id}/votes</c>.</summary>
    public static bool IsLimited(HttpRequest r) =>
        HttpMethods.IsPost(r.Method) && (r.Path.StartsWithSegments("/api/voting") || (r.Path.StartsWithSegments("/api/films") && r.Path.Value!.TrimEnd('/').EndsWith("/votes", StringComparison.OrdinalIgnoreCase)));
    // Routing ignores case and a trailing slash: so must the match above, or "/Votes/" would skip the limits.

    /// <summary>Maps the endpoints above.</summary>
    public static IEndpointRouteBuilder MapVoting(this IEndpointRouteBuilder app)
    {
        app.MapFilmVoteForwarding();
        app.MapPost("/api/voting/{competitionId:int}/code", async (int competitionId, HttpContext http, PhoneVerification verification, PublicVoteTexts texts, CancellationToken ct) =>
        {
            if (!OriginMatches(http.Request)) return Error(403, texts.SubmitFromPage);
            if (await ReadAsync(http, ct) is not { } body) return Error(400, texts.BadPhone);
            // The device cookie is set from the first code on, so the verifications of one device can be counted (issue 10).
            var r = await verification.SendCodeAsync(body.Phone, VoterDevice.IpPrefix(http.Connection.RemoteIpAddress), VoterCookie.EnsureDevice(http), ct);
            return r.Status == 200 ? Results.Json(new MessageBody(r.Message)) : Error(r.Status, r.Message);
        }).DisableAntiforgery();

        app.MapPost("/api/voting/{competitionId:int}/verify", async (int competitionId, HttpContext http, PhoneVerification verification, VoterCookie cookies, PublicVoteTexts texts, CancellationToken ct) =>
        {
            if (!OriginMatches(http.Request)) return Error(403, texts.SubmitFromPage);
            if (await ReadAsync(http, ct) is not { } body) return Error(400, texts.WrongCode);
            var r = await verification.VerifyAsync(body.Phone, body.Code, VoterCookie.EnsureDevice(http), ct);
            if (r.Ticket is not { } ticket) return Error(r.Status, r.Message);
            cookies.Append(http, ticket);
            return Results.Json(new MessageBody(r.Message));
        }).DisableAntiforgery();

        app.MapPost("/api/films/{entryId:int}/votes", async (int entryId, HttpContext http, FilmVotes votes, FilmCatalog films, VoterCookie cookies, DevicePhones devices,
            PublicVoteTexts texts, VotingSettingsStore settings, CancellationToken ct) =>
        {
            if (!OriginMatches(http.Request)) return Error(403, texts.VoteFromPage);
            if (cookies.Read(http.Request.Cookies[VoterCookie.Name]) is not { } voter) return Error(401, texts.VerifyFirst);
            if (await films.CompetitionOfAsync(entryId, ct) is not { } competitionId) return Error(404, texts.NoFilm);
            var device = VoterCookie.EnsureDevice(http);
            var address = http.Connection.RemoteIpAddress;
            if (address is { IsIPv4MappedToIPv6: true }) address = address.MapToIPv4();
            var ua = http.Request.Headers.UserAgent.ToString();
            var result = await votes.CastAsync(new VoteRequest(competitionId, entryId, voter, device, address?.ToString() ?? "unknown",
                VoterDevice.IpPrefix(address), UserAgentHash(ua), ua.Length <= UserAgentMaxLength ? ua : ua[..UserAgentMaxLength],
                await devices.SignalOf(voter.VoterId, device, ct)), CancellationToken.None);
            // Worded here, in the voter's language (the result was made on the writer's thread): PublicVoteTexts.
            if (result.Failed) return Error(503, texts.NotSaved);
            await settings.LoadAsync(CancellationToken.None);
            var message = texts.Of(result, settings.Get(competitionId).Rules);
            return result.Refusal switch
            {
                VoteRefusal.None => Results.Json(new VoteBody(true, result.Counted, result.Count, message)),
                VoteRefusal.NotOpen => Error(403, message),
                _ => Error(409, message),
            };
        }).DisableAntiforgery();

        // The review page's 计入 / 排除 for scripts (organiser): 200 {message}, or 409 {error}, in the request's UI culture.
        app.MapPost("/api/competitions/{competitionId:int}/vote-clusters/{clusterId:long}/decision",
            async (int competitionId, long clusterId, ClusterDecisionBody body, HttpContext http, VoteReviewService review, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            {
                var error = await review.DecideAsync(competitionId, clusterId, body.Include, body.Reason, $"组织者 {http.User.Identity?.Name}", ct);
                return error is null ? Results.Json(new MessageBody(body.Include ? S["已计入"] : S["已排除"])) : Error(409, error);
            }).RequireAuthorization(p => p.RequireRole(Judging.App.Accounts.Roles.Organiser))
            .WithTags("Film vote review").WithSummary("Includes (计入) or excludes (排除) a held cluster of votes with a reason")
            .Produces<MessageBody>().Produces<ErrorBody>(StatusCodes.Status409Conflict);
        app.MapVoteReviewApi();

        app.MapGet("/api/voting/{competitionId:int}/rules", async (int competitionId, VotingSettingsStore settings, JudgingDb db, TimeProvider clock, PublicVoteTexts texts, CancellationToken ct) =>
        {
            if (!await db.Competitions.AnyAsync(c => c.Id == competitionId, ct)) return Error(404, texts.NoCompetition);
            await settings.LoadAsync(ct);
            var rules = settings.Get(competitionId).Rules;
            return Results.Json(new RulesBody(rules.OpensAt is { } o ? ShanghaiTime.Iso(o) : null, rules.ClosesAt is { } c ? ShanghaiTime.Iso(c) : null,
                rules.Quota.Kind.ToString(), rules.Quota.PerDay, rules.IsOpen(clock.GetUtcNow()), texts.Window(rules)));
        });
        return app;
    }

    /// <summary>403 unless a present <c>Origin</c> header names this host (scheme ignored: a TLS proxy may sit in front).</summary>
    public static bool OriginMatches(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly ConcurrentDictionary<string, string> uaHashes = new();

    /// <summary>First 16 hex characters of the SHA-256 of the User-Agent (cached: browsers send few distinct ones).</summary>
    public static string UserAgentHash(string ua)
    {
        if (uaHashes.TryGetValue(ua, out var h)) return h;
        h = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ua)), 0, 8);
        if (uaHashes.Count < 10_000) uaHashes[ua] = h;
        return h;
    }

    private static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    private static async Task<PhoneBody?> ReadAsync(HttpContext http, CancellationToken ct)
    {
        try { return await http.Request.ReadFromJsonAsync<PhoneBody>(ct); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException) { return null; }
    }
}
