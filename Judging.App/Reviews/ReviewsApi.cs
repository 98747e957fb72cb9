namespace Judging.App.Reviews;

using Judging.App.Api;
using Judging.Domain.Reviews;
using static Judging.App.Api.OrganiserApi;

/// <summary>
/// The online review console's actions as JSON (issue 12; <c>/organiser/review/{roundId}</c>), organiser only, each through the
/// same <see cref="ReviewService"/> method as the page: assignment (generate, add, remove with a reason; the conflict and
/// one-card rules refuse with 409), start and end, deadline and normalisation, whether experts see others' cards, publication
/// of the results. Conventions and refusals: <see cref="OrganiserApi"/>; 404 for a round that is not an online review.
/// </summary>
public static class ReviewsApi
{
    private const string NotOnline = "不是线上评审轮次";

    /// <summary>The round's settings and state.</summary>
    /// <param name="RoundId">The round.</param>
    /// <param name="Title">e.g. "创新案例初审 · 线上评审".</param>
    /// <param name="Status"><c>NotStarted|Live|Paused|Closed</c>.</param>
    /// <param name="ExpertsPerEntry">k, the experts per entry of the last generated plan.</param>
    /// <param name="DueAt">The deadline (ISO 8601 with offset), or null.</param>
    /// <param name="Normalise">True when the results show per-expert z-scores beside the raw means (标准分).</param>
    /// <param name="ExpertsSeeOthers">True when an expert who submitted sees the other cards of that entry.</param>
    /// <param name="ResultsPublishedAt">When the results were published (scores and ranks public), or null while blind.</param>
    public sealed record ReviewSettingsDto(int RoundId, string Title, string Status, int ExpertsPerEntry, DateTimeOffset? DueAt, bool Normalise,
        bool ExpertsSeeOthers, DateTimeOffset? ResultsPublishedAt);

    /// <summary>One assigned pair.</summary>
    /// <param name="EntryId">The entry.</param>
    /// <param name="Code">Its entry number (作品编号).</param>
    /// <param name="JudgeId">The expert.</param>
    /// <param name="Expert">Their judge number and name, e.g. "AJ-02 罗浩".</param>
    /// <param name="Submitted">True once the expert's card for the entry is in.</param>
    public sealed record PairDto(int EntryId, string Code, int JudgeId, string Expert, bool Submitted);

    /// <summary>An expert's progress.</summary>
    /// <param name="JudgeId">The expert.</param>
    /// <param name="Code">Judge number.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Assigned">Entries assigned.</param>
    /// <param name="Drafted">Entries with a draft and no card.</param>
    /// <param name="Submitted">Cards in.</param>
    /// <param name="Expected">Cards expected by now at an even pace to the deadline, or null without one.</param>
    /// <param name="Behind">True when fewer than expected (催办).</param>
    public sealed record ExpertDto(int JudgeId, string Code, string Name, int Assigned, int Drafted, int Submitted, int? Expected, bool Behind);

    /// <summary>The assignment: pairs, experts' progress, and the cases not given to experts yet (with why).</summary>
    /// <param name="ExpertsPerEntry">k.</param>
    /// <param name="Pairs">Current pairs by entry, then expert.</param>
    /// <param name="Experts">The panel by judge number.</param>
    /// <param name="Waiting">e.g. "AL-025 未提交", "AL-031 退回修改中" (cases only).</param>
    public sealed record AssignmentsDto(int ExpertsPerEntry, IReadOnlyList<PairDto> Pairs, IReadOnlyList<ExpertDto> Experts, IReadOnlyList<string> Waiting);

    /// <summary>An entry's result.</summary>
    /// <param name="EntryId">The entry.</param>
    /// <param name="Code">Entry number.</param>
    /// <param name="Title">Title.</param>
    /// <param name="Unit">Unit.</param>
    /// <param name="Cards">Cards in.</param>
    /// <param name="Expected">Experts assigned.</param>
    /// <param name="RawMean">Mean total in points, or null without a card.</param>
    /// <param name="ZScore">Mean per-expert z-score when normalised, else null.</param>
    public sealed record ResultDto(int EntryId, string Code, string Title, string Unit, int Cards, int Expected, decimal? RawMean, decimal? ZScore);

    /// <summary>An outlier card (离群评分): more than the threshold from the other experts' mean.</summary>
    /// <param name="EntryId">The entry.</param>
    /// <param name="JudgeId">The expert.</param>
    /// <param name="Entry">"AL-003 title".</param>
    /// <param name="Expert">"AJ-02 name".</param>
    /// <param name="Total">The card's total, points.</param>
    /// <param name="MeanOfOthers">The other cards' mean, points.</param>
    /// <param name="Deviation">Total minus mean of others, points.</param>
    /// <param name="Threshold">The limit passed, points (2 pooled SDs).</param>
    public sealed record OutlierDto(int EntryId, int JudgeId, string Entry, string Expert, decimal Total, decimal MeanOfOthers, decimal Deviation, decimal Threshold);

    /// <summary>The results table in rank order of the raw mean, with the outliers.</summary>
    /// <param name="Normalised">True when z-scores are shown.</param>
    /// <param name="PooledSd">The pooled standard deviation of the panel, points, or null.</param>
    /// <param name="Rows">Entries, best raw mean first.</param>
    /// <param name="Outliers">Outlier cards.</param>
    public sealed record ResultsDto(bool Normalised, decimal? PooledSd, IReadOnlyList<ResultDto> Rows, IReadOnlyList<OutlierDto> Outliers);

    /// <summary>生成分配: the plan keeps the current pairs.</summary>
    /// <param name="ExpertsPerEntry">k, at least 1.</param>
    public sealed record GenerateBody(int ExpertsPerEntry);

    /// <summary>The plan's outcome.</summary>
    /// <param name="Added">Pairs added.</param>
    /// <param name="Total">Pairs now.</param>
    /// <param name="Notes">The planner's notes (e.g. too few experts without a conflict).</param>
    public sealed record GeneratedDto(int Added, int Total, IReadOnlyList<string> Notes);

    /// <summary>A change by hand.</summary>
    /// <param name="EntryId">The entry.</param>
    /// <param name="JudgeId">The expert.</param>
    /// <param name="Reason">Why (required; audited).</param>
    public sealed record PairBody(int EntryId, int JudgeId, string? Reason);

    /// <summary>Deadline and normalisation (the page's 保存设置 and 标准分 switch); both are replaced.</summary>
    /// <param name="DueAt">The deadline (ISO 8601 with offset, e.g. <c>2026-07-10T18:00:00+08:00</c>), or null for none.</param>
    /// <param name="Normalise">Show per-expert z-scores beside the raw means.</param>
    public sealed record SettingsBody(DateTimeOffset? DueAt, bool Normalise);

    /// <summary>A switch.</summary>
    /// <param name="On">The new value.</param>
    public sealed record SwitchBody(bool On);

    /// <summary>Maps <c>/api/reviews/{roundId}/…</c> for the organiser (called from <see cref="ReviewsModule.MapReviews"/>).</summary>
    internal static RouteGroupBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews/{roundId:int}").RequireStaff("Online review");
        // 404 for a round that is not an online review, before any action (the console's start/end would otherwise reach a live round).
        api.AddEndpointFilter(async (context, next) =>
            context.HttpContext.GetRouteValue("roundId") is string text && int.TryParse(text, out var roundId)
            && await context.HttpContext.RequestServices.GetRequiredService<ReviewService>().LoadRoundAsync(roundId, context.HttpContext.RequestAborted) is not null
                ? await next(context) : NotFound(NotOnline));

        api.MapGet("/settings", async (int roundId, ReviewService reviews, CancellationToken ct) =>
            await reviews.LoadRoundAsync(roundId, ct) is { } info ? Results.Ok(Settings(info)) : NotFound(NotOnline))
            .WithSummary("The review round's state and settings (k, deadline, normalisation, experts see others, publication)")
            .Produces<ReviewSettingsDto>().Produces<ApiError>(404);

        api.MapGet("/assignments", async (int roundId, ReviewService reviews, LiveRounds.LeaderboardService boards, CancellationToken ct) =>
        {
            if (await reviews.LoadRoundAsync(roundId, ct) is not { } info) return NotFound(NotOnline);
            var pairs = await reviews.CurrentAsync(roundId, ct);
            var cards = (await boards.EffectiveCardsAsync(roundId, ct)).ByEntry.SelectMany(kv => kv.Value.Select(c => (kv.Key, c.Record.JudgeId))).ToHashSet();
            var judges = info.Panel.ToDictionary(j => j.Id);
            var (experts, _) = await reviews.ProgressAsync(info, ct);
            var waiting = await reviews.NotReadyForReviewAsync(info, ct);
            return Results.Ok(new AssignmentsDto(info.Settings.ExpertsPerEntry,
                pairs.Select(p => new PairDto(p.EntryId, info.EntryRows.TryGetValue(p.EntryId, out var e) ? e.Entry.Code : "",
                    p.JudgeId, judges.TryGetValue(p.JudgeId, out var j) ? $"{j.Code} {j.Name}" : $"评委 {p.JudgeId}", cards.Contains((p.EntryId, p.JudgeId)))).ToList(),
                experts.Select(x => new ExpertDto(x.Judge.Id, x.Judge.Code, x.Judge.Name, x.Assigned, x.Drafted, x.Submitted, x.Expected, x.Behind)).ToList(),
                waiting.Values.ToList()));
        })
        .WithSummary("The assignment: current pairs (with whether the card is in), each expert's progress, the cases not given out yet")
        .Produces<AssignmentsDto>().Produces<ApiError>(404);

        api.MapGet("/results", async (int roundId, ReviewService reviews, CancellationToken ct) =>
        {
            if (await reviews.LoadRoundAsync(roundId, ct) is not { } info) return NotFound(NotOnline);
            var r = await reviews.ResultsAsync(info, info.Settings.Normalise, ct);
            return Results.Ok(new ResultsDto(r.Normalised, r.PooledSd,
                r.Rows.Select(x => new ResultDto(x.Result.EntryId, x.Code, x.Title, x.Unit, x.Result.Cards, x.Expected, x.Result.RawMean, x.Result.ZScore)).ToList(),
                r.Outliers.Select(o => new OutlierDto(o.Flag.EntryId, o.Flag.JudgeId, o.Entry, o.Expert, o.Flag.Total, o.Flag.MeanOfOthers, o.Flag.Deviation, o.Flag.Threshold)).ToList()));
        })
        .WithSummary("The results as the console shows them: raw means (and z-scores when normalised), outlier cards")
        .Produces<ResultsDto>().Produces<ApiError>(404);

        api.MapPost("/assignments/generate", async (int roundId, GenerateBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        {
            var (plan, error) = await reviews.GenerateAsync(roundId, body.ExpertsPerEntry, Actor(http), ct);
            return plan is null ? Conflict(error ?? NotOnline) : Results.Ok(new GeneratedDto(plan.Added.Count, plan.All.Count, plan.Notes));
        })
        .WithSummary("Generates the assignment with k experts per entry, keeping the current pairs (生成分配); conflicts of interest are avoided")
        .Produces<GeneratedDto>().ProducesRefusals();

        api.MapPost("/assignments/add", (int roundId, PairBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
            ChangeAsync(roundId, AssignmentChange.Add, body, http, reviews, ct))
        .WithSummary("Assigns an expert to an entry by hand with a reason (添加分配); a conflict of interest is refused (409)")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/assignments/remove", (int roundId, PairBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
            ChangeAsync(roundId, AssignmentChange.Remove, body, http, reviews, ct))
        .WithSummary("Removes an expert from an entry by hand with a reason (移除分配); refused once their card is in (409)")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/start", async (int roundId, HttpContext http, ReviewService reviews, CancellationToken ct) =>
            Outcome(await reviews.SetRunningAsync(roundId, true, Actor(http), ct), "评审已开始，专家可提交评分。"))
        .WithSummary("Starts the review (开始评审): experts may submit")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/end", async (int roundId, HttpContext http, ReviewService reviews, CancellationToken ct) =>
            Outcome(await reviews.SetRunningAsync(roundId, false, Actor(http), ct), "评审已结束。"))
        .WithSummary("Ends the review (结束评审)")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/settings", async (int roundId, SettingsBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        {
            var error = await reviews.SaveSettingsAsync(roundId, body.DueAt, body.Normalise, Actor(http), ct);
            return error is null && await reviews.LoadRoundAsync(roundId, ct) is { } info ? Results.Ok(Settings(info)) : Conflict(error ?? NotOnline);
        })
        .WithSummary("Sets the deadline and normalisation (保存设置 / 标准分); answers the settings now in force")
        .Produces<ReviewSettingsDto>().ProducesRefusals();

        api.MapPost("/experts-see-others", async (int roundId, SwitchBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
            Outcome(await reviews.SetExpertsSeeOthersAsync(roundId, body.On, Actor(http), ct), body.On ? "已允许专家在提交后查看他人评分。" : "专家不能查看他人评分。"))
        .WithSummary("Whether an expert who submitted sees the other experts' cards of that entry (允许专家查看他人评分)")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/publish", async (int roundId, SwitchBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
            Outcome(await reviews.SetResultsPublishedAsync(roundId, body.On, Actor(http), ct), body.On ? "评审结果已公布。" : "已撤回公布。"))
        .WithSummary("Publishes the results once the review has ended (公布评审结果: scores and ranks public), or withdraws the publication")
        .Produces<ApiMessage>().ProducesRefusals();

        return api;
    }

    private static async Task<IResult> ChangeAsync(int roundId, AssignmentChange change, PairBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        Outcome(await reviews.ChangeAsync(roundId, change, body.EntryId, body.JudgeId, body.Reason, Actor(http), ct),
            change == AssignmentChange.Add ? "已添加分配。" : "已移除分配。");

    private static ReviewSettingsDto Settings(ReviewRound info) =>
        new(info.Round.Id, info.Title.ToString(), info.Round.Status.ToString(), info.Settings.ExpertsPerEntry, info.Settings.DueAt, info.Settings.Normalise,
            info.Settings.ExpertsSeeOthers, info.Settings.ResultsPublishedAt);
}
