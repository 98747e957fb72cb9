namespace Judging.App.VenueVoting;

using Judging.App.Api;
using Judging.App.Awards;
using Judging.Domain.VenueVoting;
using Microsoft.Extensions.Localization;
using static Judging.App.Api.OrganiserApi;

/// <summary>
/// The audience awards page's actions as JSON (issue 12; <c>/organiser/audience-awards/{id}/{track}</c>), organiser only, each
/// through the same <see cref="AudienceVoteConsole"/> method as the page: an award's mode, its venue vote (create, assurance,
/// ballot cards, open, close, the tally, a tie), the judges' designation and the film vote's tie. Conventions and refusals:
/// <see cref="OrganiserApi"/>.
/// </summary>
public static class AudienceVotingApi
{
    /// <summary>An award's standing.</summary>
    /// <param name="EntryId">The winner so far, or null.</param>
    /// <param name="Source">How it is decided (Chinese).</param>
    /// <param name="Decided">True once final.</param>
    /// <param name="Note">What is missing, or null.</param>
    public sealed record StandingDto(int? EntryId, string Source, bool Decided, string? Note);

    /// <summary>One audience award of the track.</summary>
    /// <param name="AwardName">e.g. 最具风采奖.</param>
    /// <param name="Mode"><c>LiveVote|Designated|PublicVote</c>, or null while not chosen.</param>
    /// <param name="QuestionId">Its venue vote, or null when none was created.</param>
    /// <param name="QuestionStatus"><c>NotOpened|Open|Closed</c>, or null.</param>
    /// <param name="Assurance"><c>BallotCode|Phone|DeviceCookie</c>, or null.</param>
    /// <param name="Standing">Where it stands.</param>
    public sealed record AwardDto(string AwardName, string? Mode, int? QuestionId, string? QuestionStatus, string? Assurance, StandingDto Standing);

    /// <summary>The track's audience awards.</summary>
    /// <param name="FinalRoundId">The final round (candidates are its finalists), or null before the finalists are confirmed.</param>
    /// <param name="Awards">In the notice's order.</param>
    public sealed record BoardDto(int? FinalRoundId, IReadOnlyList<AwardDto> Awards);

    /// <summary>An award's mode.</summary>
    /// <param name="Award">e.g. 最具风采奖.</param>
    /// <param name="Mode"><c>LiveVote</c> (现场观众投票), <c>Designated</c> (评委推选) or <c>PublicVote</c> (films, 网络投票).</param>
    public sealed record ModeBody(string Award, string Mode);

    /// <summary>Creates the award's venue vote (not yet open).</summary>
    /// <param name="Award">The award (in live-vote mode).</param>
    /// <param name="Assurance"><c>BallotCode</c> (default), <c>Phone</c> or <c>DeviceCookie</c>.</param>
    public sealed record CreateVoteBody(string Award, string? Assurance);

    /// <summary>The created vote.</summary>
    /// <param name="Message">"已创建投票".</param>
    /// <param name="QuestionId">The vote's id, for the endpoints under <c>/api/audience-votes/{questionId}</c>.</param>
    public sealed record CreatedDto(string Message, int? QuestionId);

    /// <summary>A winner named by the organiser (designation or tie) with a reason.</summary>
    /// <param name="Award">The award.</param>
    /// <param name="EntryId">The entry.</param>
    /// <param name="Reason">Why (required).</param>
    public sealed record PickBody(string Award, int EntryId, string? Reason);

    /// <summary>A vote's assurance (before it opens).</summary>
    /// <param name="Assurance"><c>BallotCode|Phone|DeviceCookie</c>.</param>
    public sealed record AssuranceBody(string Assurance);

    /// <summary>Ballot cards 1…count.</summary>
    /// <param name="Count">Cards (1 to the maximum); cards already issued stay.</param>
    public sealed record BallotsBody(int Count);

    /// <summary>A tie of a closed venue vote.</summary>
    /// <param name="EntryId">One of the entries tied for the most votes.</param>
    /// <param name="Reason">Why (required).</param>
    public sealed record TieBody(int EntryId, string? Reason);

    /// <summary>Maps the endpoints (called from <see cref="AudienceVotingModule.MapAudienceVoting"/>).</summary>
    internal static IEndpointRouteBuilder MapAudienceVotingApi(this IEndpointRouteBuilder app)
    {
        var awards = app.MapGroup("/api/competitions/{id:int}").RequireStaff("Audience awards");

        awards.MapGet("/audience-awards", async (int id, string? track, AudienceAwardsService service, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(S["track 须为 Speech、MicroFilm 或 InnovationCase"]);
            var board = await service.GetBoardAsync(id, t, ct);
            return Results.Ok(new BoardDto(board.FinalRoundId, board.Awards.Select(a => new AwardDto(a.AwardName, a.Mode?.ToString(), a.Vote?.Question.Id,
                a.Vote?.Question.Status.ToString(), a.Vote?.Question.Assurance.ToString(),
                new StandingDto(a.Standing.EntryId, a.Standing.Source.ToString(), a.Standing.Decided, a.Standing.Note?.ToString()))).ToList()));
        })
        .WithSummary("The track's audience awards: mode, venue vote and standing of each")
        .Produces<BoardDto>().Produces<ApiError>(400);

        awards.MapPost("/audience-awards/mode", async (int id, string? track, ModeBody body, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            ResultsEndpoints.ParseTrack(track) is not { } t ? BadRequest(S["track 须为 Speech、MicroFilm 或 InnovationCase"])
            : ParseEnum<AwardMode>(body.Mode) is not { } mode ? BadRequest(S["mode 须为 LiveVote、Designated 或 PublicVote"])
            : Outcome(await console.SetModeAsync(id, t, body.Award, mode, Actor(http), ct), S["已设置评选方式"]))
        .WithSummary("Chooses an award's mode: venue vote (现场观众投票), designated by the judges (评委推选) or, for films, the public vote")
        .Produces<ApiMessage>().ProducesRefusals();

        awards.MapPost("/audience-awards/vote", async (int id, string? track, CreateVoteBody body, HttpContext http, AudienceVoteConsole console, AudienceAwardsService service, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(S["track 须为 Speech、MicroFilm 或 InnovationCase"]);
            var assurance = body.Assurance is null ? VoteAssurance.BallotCode : ParseEnum<VoteAssurance>(body.Assurance);
            if (assurance is null) return BadRequest(S["assurance 须为 BallotCode、Phone 或 DeviceCookie"]);
            var error = await console.CreateQuestionAsync(id, t, body.Award, Actor(http), ct, assurance.Value);
            if (error is not null) return Conflict(error);
            var board = await service.GetBoardAsync(id, t, ct);
            return Results.Ok(new CreatedDto(S["已创建投票"], board.Awards.FirstOrDefault(a => a.AwardName == body.Award)?.Vote?.Question.Id));
        })
        .WithSummary("Creates the award's venue vote on the final round (创建投票), not yet open")
        .Produces<CreatedDto>().ProducesRefusals();

        awards.MapPost("/audience-awards/designate", async (int id, string? track, PickBody body, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            ResultsEndpoints.ParseTrack(track) is not { } t ? BadRequest(S["track 须为 Speech、MicroFilm 或 InnovationCase"])
            : Outcome(await console.DesignateAsync(id, t, body.Award, body.EntryId, body.Reason, Actor(http), ct), S["已确认推选"]))
        .WithSummary("Records the judges' designated winner (评委推选) with a reason; the entry must be a finalist")
        .Produces<ApiMessage>().ProducesRefusals();

        awards.MapPost("/audience-awards/public-tie", async (int id, string? track, PickBody body, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            ResultsEndpoints.ParseTrack(track) is not { } t ? BadRequest(S["track 须为 Speech、MicroFilm 或 InnovationCase"])
            : Outcome(await console.BreakPublicTieAsync(id, t, body.Award, body.EntryId, body.Reason, Actor(http), ct), S["已确定获奖作品"]))
        .WithSummary("Films: names one of the films tied for the most public votes the winner, with a reason")
        .Produces<ApiMessage>().ProducesRefusals();

        var votes = app.MapGroup("/api/audience-votes").RequireStaff("Audience awards");

        votes.MapGet("/{questionId:int}", async (int questionId, AudienceTallyService tallies, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            await tallies.GetViewAsync(questionId, ct) is { } view ? Results.Ok(view) : NotFound(S["投票不存在"]))
            .WithSummary("The venue vote's tally as the projector shows it (status, votes per candidate, verdict once closed)")
            .Produces<AudienceTallyView>().Produces<ApiError>(404);

        votes.MapPost("/{questionId:int}/assurance", async (int questionId, AssuranceBody body, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            ParseEnum<VoteAssurance>(body.Assurance) is not { } assurance ? BadRequest(S["assurance 须为 BallotCode、Phone 或 DeviceCookie"])
            : Outcome(await console.SetAssuranceAsync(questionId, assurance, Actor(http), ct), S["已设置投票方式"]))
        .WithSummary("Changes what one vote is tied to (ballot code, phone, device cookie), before the vote opens")
        .Produces<ApiMessage>().ProducesRefusals();

        votes.MapPost("/{questionId:int}/ballots", async (int questionId, BallotsBody body, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            Outcome(await console.IssueBallotsAsync(questionId, body.Count, Actor(http), ct), S["已生成选票码"]))
        .WithSummary("Issues ballot cards 1…count of a ballot-code vote (生成选票码); print them at /organiser/audience-awards/ballots/{questionId}")
        .Produces<ApiMessage>().ProducesRefusals();

        votes.MapPost("/{questionId:int}/open", async (int questionId, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            Outcome(await console.OpenAsync(questionId, Actor(http), ct), S["投票已开始"]))
        .WithSummary("Opens the venue vote (开始投票)")
        .Produces<ApiMessage>().ProducesRefusals();

        votes.MapPost("/{questionId:int}/close", async (int questionId, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            Outcome(await console.CloseAsync(questionId, Actor(http), ct), S["投票已结束"]))
        .WithSummary("Closes the venue vote for good (结束投票): the tally is final")
        .Produces<ApiMessage>().ProducesRefusals();

        votes.MapPost("/{questionId:int}/tie", async (int questionId, TieBody body, HttpContext http, AudienceVoteConsole console, IStringLocalizer<SharedResource> S, CancellationToken ct) =>
            Outcome(await console.BreakTieAsync(questionId, body.EntryId, body.Reason, Actor(http), ct), S["已确定获奖作品"]))
        .WithSummary("Names one of the entries tied for the most votes of a closed vote the winner, with a reason")
        .Produces<ApiMessage>().ProducesRefusals();

        return app;
    }
}
