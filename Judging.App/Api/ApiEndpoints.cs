namespace Judging.App.Api;

using Judging.App.Accounts;
using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.App.Scoring;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Read-only JSON for displays and partners (README, "JSON API"), and the judges' score submission.
/// Property names are camelCase; enums are their English names.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>A competition: <c>{id, name, year}</c>.</summary>
    public sealed record CompetitionDto(int Id, string Name, int Year);

    /// <summary>A round: <c>{id, track, kind, division, status}</c>; track Speech|MicroFilm|InnovationCase, kind Preliminary|Final|FirstReview|ReReview.</summary>
    public sealed record RoundDto(int Id, string Track, string Kind, string? Division, string Status);

    /// <summary>A leaderboard line; score in points rounded to 2 decimals (ranking uses full precision); null while unscored or hidden.</summary>
    public sealed record LeaderboardLineDto(int? Rank, int EntryId, string Title, string Unit, string? Group, decimal? Score, int JudgesSubmitted, int JudgesExpected);

    /// <summary>
    /// An organiser's round action, the console's buttons: <c>draw</c> (抽签确定出场顺序, before the start), <c>start</c>,
    /// <c>onstage</c> (with <c>entryId</c>: 上场 / 下一位), <c>open</c> / <c>close</c> (scoring), <c>pause</c> / <c>resume</c>,
    /// <c>hide</c> / <c>reveal</c> (the projector's scores), <c>end</c> (结束比赛).
    /// </summary>
    public sealed record RoundControl(string Action, int? EntryId);

    /// <summary>Maps <c>/api/*</c>.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/competitions", async (JudgingDb db, CancellationToken ct) =>
            await db.Competitions.AsNoTracking().OrderBy(c => c.Id).Select(c => new CompetitionDto(c.Id, c.Name, c.Year)).ToListAsync(ct));

        api.MapGet("/rounds", async (JudgingDb db, CancellationToken ct) =>
        {
            var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            var rounds = await db.Rounds.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
            return rounds.Select(r => new RoundDto(r.Id, r.Track.ToString(), r.Kind.ToString(),
                r.DivisionId is { } d ? divisions.GetValueOrDefault(d) : null, r.Status.ToString()));
        });

        api.MapGet("/rounds/{id:int}/leaderboard", async (int id, LeaderboardService boards, CancellationToken ct) =>
            await boards.GetAsync(id, ct) is { } view
                ? Results.Ok(view.Rows.Select(r => new LeaderboardLineDto(r.Rank, r.EntryId, r.Title, r.Unit, r.Group,
                    r.Score is { } s ? Math.Round(s, 2, MidpointRounding.AwayFromZero) : null, r.JudgesSubmitted, r.JudgesExpected)))
                : Results.NotFound(new { error = "轮次不存在" }));

        // The console's actions for stage tooling (and the benchmark): 200, or 409 with a Chinese message.
        api.MapPost("/rounds/{id:int}/control", async (int id, RoundControl body, HttpContext http, RoundConsole console, CancellationToken ct) =>
        {
            var actor = $"组织者 {http.User.Identity?.Name}";
            var error = body.Action switch
            {
                "draw" => await console.DrawRunningOrderAsync(id, actor, ct),
                "start" => await console.StartAsync(id, actor, ct),
                "onstage" when body.EntryId is { } e => await console.SetOnStageAsync(id, e, actor, ct),
                "open" => await console.SetScoringOpenAsync(id, true, actor, ct),
                "close" => await console.SetScoringOpenAsync(id, false, actor, ct),
                "pause" => await console.SetPausedAsync(id, true, actor, ct),
                "resume" => await console.SetPausedAsync(id, false, actor, ct),
                "hide" => await console.SetHideScoresAsync(id, true, actor, ct),
                "reveal" => await console.SetHideScoresAsync(id, false, actor, ct),
                "end" => await console.CloseAsync(id, actor, ct),
                _ => "未知操作",
            };
            return error is null ? Results.Ok(new { ok = true }) : Results.Conflict(new { error });
        }).RequireAuthorization(p => p.RequireRole(Roles.Organiser))
        .AddEndpointFilter(async (context, next) => Hosting.SameOrigin.Allows(context.HttpContext.Request)
            ? await next(context) : Results.Json(new OrganiserApi.ApiError("请从组织者页面操作"), statusCode: StatusCodes.Status403Forbidden))
        .WithTags("Live rounds")
        .WithSummary("The round console's buttons: draw, start, onstage (entryId), open/close scoring, pause/resume, hide/reveal scores, end")
        .Produces(StatusCodes.Status200OK).Produces<OrganiserApi.ApiError>(StatusCodes.Status409Conflict);
        return app;
    }
}
