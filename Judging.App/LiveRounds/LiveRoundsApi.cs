namespace Judging.App.LiveRounds;

using Judging.App.Accounts;
using Judging.App.Api;
using Judging.App.Scoring;
using Microsoft.Extensions.Localization;
using static Judging.App.Api.OrganiserApi;

/// <summary>
/// Live rounds as JSON beside the console's actions (<c>POST /api/rounds/{id}/control</c>, <see cref="ApiEndpoints"/>): the
/// console's state for the organiser, and the chief judge's page (<c>/chief</c>): the cards of their panel and the unlock with
/// a reason, authorised like the page (chief judge; only their own panel's cards, as <see cref="ScoringService.UnlockAsync"/>
/// checks). Conventions and refusals: <see cref="OrganiserApi"/>.
/// </summary>
public static class LiveRoundsApi
{
    /// <summary>A speaker of the round, in running order.</summary>
    /// <param name="EntryId">The entry.</param>
    /// <param name="Code">Entry number.</param>
    /// <param name="Title">Title.</param>
    /// <param name="Presenter">The speaker.</param>
    /// <param name="Position">Running order position (出场顺序), from 1.</param>
    /// <param name="Score">Score in points (full precision), or null while unscored.</param>
    /// <param name="Rank">Rank, or null while unscored.</param>
    /// <param name="JudgesSubmitted">Cards in.</param>
    /// <param name="JudgesExpected">Cards expected (judges not avoiding).</param>
    /// <param name="OnStage">True for the speaker on stage.</param>
    public sealed record SpeakerDto(int EntryId, string Code, string Title, string Presenter, int Position, decimal? Score, int? Rank,
        int JudgesSubmitted, int JudgesExpected, bool OnStage);

    /// <summary>A judge of the panel and where they stand for the speaker on stage.</summary>
    /// <param name="Code">Judge number.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Progress"><c>Awaited|Submitted|Conflicted</c> (未提交 / 已提交 / 回避).</param>
    public sealed record JudgeDto(string Code, string Name, string Progress);

    /// <summary>The console's state (<c>/organiser/rounds/{id}</c>).</summary>
    /// <param name="RoundId">The round.</param>
    /// <param name="Title">e.g. "演讲初赛 · 浦东赛区".</param>
    /// <param name="Status"><c>NotStarted|Live|Paused|Closed</c>.</param>
    /// <param name="ScoringOpen">True while judges may submit for the speaker on stage.</param>
    /// <param name="HideScores">True while the projector hides scores.</param>
    /// <param name="OnStage">The entry id on stage, or null.</param>
    /// <param name="Next">The next entry id in running order, or null after the last.</param>
    /// <param name="Speakers">The staff leaderboard in running order.</param>
    /// <param name="Judges">The panel, with progress for the speaker on stage (empty while nobody is on stage).</param>
    public sealed record ConsoleDto(int RoundId, string Title, string Status, bool ScoringOpen, bool HideScores, int? OnStage, int? Next,
        IReadOnlyList<SpeakerDto> Speakers, IReadOnlyList<JudgeDto> Judges);

    /// <summary>An effective card of the chief judge's panel.</summary>
    /// <param name="RecordId">The score record (what an unlock names).</param>
    /// <param name="Entry">"YJ-003 title".</param>
    /// <param name="Judge">"PW-02 name".</param>
    /// <param name="Points">Points per criterion, sheet order.</param>
    /// <param name="Total">Points.</param>
    /// <param name="SubmittedAt">When stored.</param>
    public sealed record CardDto(long RecordId, string Entry, string Judge, IReadOnlyList<decimal> Points, decimal Total, DateTimeOffset SubmittedAt);

    /// <summary>The chief judge's unlock.</summary>
    /// <param name="Reason">Why (required; audited with the card before).</param>
    public sealed record UnlockBody(string? Reason);

    /// <summary>Maps the console's state and the chief judge's endpoints (called from <see cref="LiveRoundsModule.MapLiveRounds"/>).</summary>
    internal static IEndpointRouteBuilder MapLiveRoundsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/rounds/{id:int}").RequireStaff("Live rounds")
            .MapGet("/console", async (int id, RoundConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
                await console.LoadAsync(id, ct) is { } v
                    ? Results.Ok(new ConsoleDto(v.RoundId, v.Title, v.Status.ToString(), v.ScoringOpen, v.HideScores, v.OnStage?.EntryId, v.Next?.EntryId,
                        v.Rows.Select(r => new SpeakerDto(r.EntryId, r.Code, r.Title, r.Presenter, r.Position, r.Score, r.Rank, r.JudgesSubmitted, r.JudgesExpected, r.OnStage)).ToList(),
                        v.Judges.Select(j => new JudgeDto(j.Code, j.Name, j.Progress.ToString())).ToList()))
                    : NotFound(S["轮次不存在"]))
            .WithSummary("The round console's state: switches, speakers in running order with progress and scores, the panel for the speaker on stage")
            .Produces<ConsoleDto>().Produces<ApiError>(404);

        var chief = app.MapGroup("/api/chief").RequireStaff("Chief judge", Roles.ChiefJudge);
        chief.MapGet("/cards", async (HttpContext http, ScoringService scoring, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            http.User.JudgeId() is { } chiefId && await scoring.LoadChiefAsync(chiefId, ct) is { } view
                ? Results.Ok(view.Cards.Select(c => new CardDto(c.RecordId, c.Entry, c.Judge, c.Points, c.Total, c.SubmittedAt)).ToList())
                : NotFound(S["评委不存在"]))
            .WithSummary("The chief judge's page: the effective cards of their panel's rounds, newest first")
            .Produces<List<CardDto>>().Produces<ApiError>(404);

        chief.MapPost("/cards/{recordId:long}/unlock", async (long recordId, UnlockBody body, HttpContext http, ScoringService scoring, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            http.User.JudgeId() is not { } chiefId ? Results.Unauthorized()
            : Outcome(await scoring.UnlockAsync(chiefId, recordId, body.Reason ?? "", ct), S["已解锁，该评委可重新评分；审计日志已记录。"]))
            .WithSummary("Unlocks a card of the chief judge's own panel with a reason (解锁评分): the judge may score again")
            .Produces<ApiMessage>().ProducesRefusals();
        return app;
    }
}
