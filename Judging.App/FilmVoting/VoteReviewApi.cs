namespace Judging.App.FilmVoting;

using Judging.App.Api;
using Judging.App.Persistence;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;
using static Judging.App.Api.OrganiserApi;

/// <summary>
/// The vote review page's reads and settings as JSON (issue 12; <c>/organiser/vote-review/{competitionId}</c>), organiser only,
/// through the same <see cref="IVoteReview"/> as the page. The page's 计入 / 排除 of a held cluster is
/// <c>POST /api/competitions/{competitionId}/vote-clusters/{clusterId}/decision</c> (<see cref="VotingEndpoints"/>).
/// Conventions and refusals: <see cref="OrganiserApi"/>.
/// </summary>
public static class VoteReviewApi
{
    /// <summary>A film's tally.</summary>
    /// <param name="EntryId">The film.</param>
    /// <param name="Code">Entry number.</param>
    /// <param name="Title">Title.</param>
    /// <param name="Unit">Unit.</param>
    /// <param name="Public">Votes counted publicly (accepted and included).</param>
    /// <param name="Held">Votes held in an undecided cluster (待核验).</param>
    /// <param name="Excluded">Votes excluded (排除).</param>
    public sealed record FilmTallyDto(int EntryId, string Code, string Title, string Unit, long Public, long Held, long Excluded);

    /// <summary>A flagged cluster.</summary>
    /// <param name="Id">What the decision endpoint names.</param>
    /// <param name="EntryId">The film.</param>
    /// <param name="Film">Code and title.</param>
    /// <param name="Kind"><c>Subnet|UserAgent|Device</c>.</param>
    /// <param name="Label">The subnet, user agent or device.</param>
    /// <param name="Votes">Votes in it.</param>
    /// <param name="FirstAt">Earliest vote.</param>
    /// <param name="LastAt">Latest vote.</param>
    /// <param name="SampleVoters">Up to 5 masked phones.</param>
    /// <param name="Included">true 计入, false 排除, null 待核验.</param>
    /// <param name="DecisionReason">The latest decision's reason, by whom and when, or null.</param>
    public sealed record ClusterDto(long Id, int EntryId, string Film, string Kind, string Label, int Votes, DateTimeOffset FirstAt, DateTimeOffset LastAt,
        IReadOnlyList<string> SampleVoters, bool? Included, string? DecisionReason);

    /// <summary>What the review page shows.</summary>
    /// <param name="Films">Every film with its tally, by code.</param>
    /// <param name="Clusters">Flagged clusters, newest first.</param>
    /// <param name="SmsWarnings">Today's SMS budget warnings (Chinese).</param>
    public sealed record VoteReviewDto(IReadOnlyList<FilmTallyDto> Films, IReadOnlyList<ClusterDto> Clusters, IReadOnlyList<string> SmsWarnings);

    /// <summary>The public vote's settings (the page's 投票设置).</summary>
    /// <param name="OpensAt">Voting opens (ISO 8601 with offset), or null: no bound.</param>
    /// <param name="ClosesAt">Voting closes, or null: no bound.</param>
    /// <param name="Quota"><c>PerFilmPerDay</c> (每个作品每天 N 票) or <c>TotalPerDay</c> (每天合计 N 票).</param>
    /// <param name="PerDay">N.</param>
    /// <param name="WindowSeconds">Burst detection: window, seconds.</param>
    /// <param name="NewIdentityMinutes">Burst detection: a voter counts as new for this many minutes.</param>
    /// <param name="Threshold">Burst detection: votes of new voters in one window that flag a cluster.</param>
    public sealed record VotingSettingsBody(DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string Quota, int PerDay, int WindowSeconds, int NewIdentityMinutes, int Threshold);

    /// <summary>The settings in force, with who saved them.</summary>
    /// <param name="Settings">As <see cref="VotingSettingsBody"/>.</param>
    /// <param name="SavedBy">Who saved them, or null for the defaults.</param>
    /// <param name="SavedAt">When, or null.</param>
    public sealed record VotingSettingsDto(VotingSettingsBody Settings, string? SavedBy, DateTimeOffset? SavedAt);

    /// <summary>Maps the endpoints (called from <see cref="VotingEndpoints.MapVoting"/>).</summary>
    internal static RouteGroupBuilder MapVoteReviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/competitions/{competitionId:int}").RequireStaff("Film vote review");

        api.MapGet("/vote-review", async (int competitionId, IVoteReview review, CancellationToken ct) =>
        {
            var v = await review.LoadAsync(competitionId, ct);
            return Results.Ok(new VoteReviewDto(
                v.Films.Select(f => new FilmTallyDto(f.EntryId, f.Code, f.Title, f.Unit, f.Tally.Public, f.Tally.Held, f.Tally.Excluded)).ToList(),
                v.Clusters.Select(c => new ClusterDto(c.Id, c.EntryId, c.Film, c.Kind.ToString(), c.Label, c.Votes, c.FirstAt, c.LastAt, c.SampleVoters, c.Included, c.DecisionReason)).ToList(),
                v.SmsWarnings));
        })
        .WithSummary("The vote review: every film's public, held and excluded votes, the flagged clusters, today's SMS budget warnings")
        .Produces<VoteReviewDto>();

        api.MapGet("/voting-settings", async (int competitionId, IVoteReview review, JudgingDb db, CancellationToken ct) =>
            await db.Competitions.AnyAsync(c => c.Id == competitionId, ct) ? Results.Ok(Dto(await review.SettingsAsync(competitionId, ct))) : NotFound("没有这个大赛"))
            .WithSummary("The public vote's window, quota and burst-detection thresholds")
            .Produces<VotingSettingsDto>().Produces<ApiError>(404);

        api.MapPost("/voting-settings", async (int competitionId, VotingSettingsBody body, HttpContext http, IVoteReview review, JudgingDb db, CancellationToken ct) =>
        {
            if (!await db.Competitions.AnyAsync(c => c.Id == competitionId, ct)) return NotFound("没有这个大赛");
            if (ParseEnum<QuotaKind>(body.Quota) is not { } quota) return BadRequest("quota 须为 PerFilmPerDay 或 TotalPerDay");
            // As the page: the device-phones threshold keeps its default.
            var problems = await review.SaveSettingsAsync(competitionId, new VotingRules(body.OpensAt, body.ClosesAt, new VoteQuota(quota, body.PerDay)),
                new FraudThresholds(body.WindowSeconds, body.NewIdentityMinutes, body.Threshold), Actor(http), ct);
            return problems.Count > 0 ? Conflict(string.Join("；", problems)) : Results.Ok(Dto(await review.SettingsAsync(competitionId, ct)));
        })
        .WithSummary("Saves the public vote's window, quota and burst-detection thresholds (保存投票设置); answers the settings now in force")
        .Produces<VotingSettingsDto>().ProducesRefusals();

        return api;
    }

    private static VotingSettingsDto Dto(VotingSettings s) =>
        new(new VotingSettingsBody(s.Rules.OpensAt, s.Rules.ClosesAt, s.Rules.Quota.Kind.ToString(), s.Rules.Quota.PerDay, s.Fraud.WindowSeconds,
            s.Fraud.NewIdentityMinutes, s.Fraud.Threshold), s.SavedBy, s.SavedAt);
}
