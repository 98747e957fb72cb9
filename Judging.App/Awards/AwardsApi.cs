namespace Judging.App.Awards;

using Judging.App.ResultsEngine;
using Judging.App.Accounts;
using Judging.Domain.Awards;
using Judging.Domain.Finalists;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The award page's actions as JSON (issue 12, section 4), for organisers who script a competition: tier sizes, tier
/// boundary ties (with a reason), confirmation and its undoing (with a reason), the projector reveal, publication, and the
/// commendation of recommenders. Each calls the same <see cref="AwardsService"/> method as the page, authorised like the page
/// (organiser role: anonymous 401, other roles 403). Answers: 200 <c>{message}</c> when done; 400 <c>{error}</c> for a
/// request that cannot be read (unknown track or value); 409 <c>{error}</c> with the service's refusal in Chinese.
/// Described in OpenAPI at <c>/openapi/v1.json</c> under the tag "Awards".
/// </summary>
public static class AwardsApi
{
    /// <summary>One tier's size: <c>tier</c> First|Second|Third, <c>kind</c> Percent|Count|RestOfFinal, <c>value</c> (percent or places).</summary>
    public sealed record TierQuotaBody(string Tier, string Kind, decimal Value);

    /// <summary>Tier sizes: the quotas, <c>rounding</c> Nearest|Down|Up (default Nearest), and whether only finalists can win.</summary>
    public sealed record TierRulesBody(IReadOnlyList<TierQuotaBody> Quotas, string? Rounding, bool FinalistsOnly);

    /// <summary>A tier boundary tie's decision: <c>key</c> (<c>tier:1</c>…, from the award JSON's <c>pending</c>), <c>resolution</c> Pending|TieBreak|IncludeAll|ExcludeAll, and the reason (required).</summary>
    public sealed record TierTieBody(string Key, string Resolution, string? Reason);

    /// <summary>Confirmation: optionally the fingerprint of the outcome the caller looked at (refused when it changed since).</summary>
    public sealed record ConfirmBody(string? Shown);

    /// <summary>A written reason (undoing a confirmation).</summary>
    public sealed record ReasonBody(string? Reason);

    /// <summary>A reveal move: <c>delta</c> +1 (next), −1 (back one) or 0 (start over); <c>seenStep</c>, the step the caller saw (a stale repeat is refused).</summary>
    public sealed record RevealBody(int Delta, int? SeenStep);

    /// <summary>Publication on (<c>published</c> true) or off; <c>early</c> to publish before the reveal has finished.</summary>
    public sealed record PublishBody(bool Published, bool Early);

    /// <summary>A recommender's commendation: commend or not, a note, and whether the decision goes against the proposal (then the note is required).</summary>
    public sealed record CommendationBody(bool Commend, string? Reason, bool AgainstProposal);

    /// <summary>What a done action answers.</summary>
    public sealed record MessageBody(string Message);

    /// <summary>What a refused action answers (Chinese).</summary>
    public sealed record ErrorBody(string Error);

    /// <summary>Maps the routes under <c>/api/competitions/{id}</c>, organisers only.</summary>
    public static IEndpointRouteBuilder MapAwardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/competitions/{id:int}").RequireAuthorization(p => p.RequireRole(Roles.Organiser)).WithTags("Awards");
        group.MapPut("/awards/{track}/tiers", SetTiersAsync)
            .WithSummary("Sets a track's award tier sizes (before the awards are confirmed)");
        group.MapPost("/awards/{track}/tier-ties", ResolveTieAsync)
            .WithSummary("Decides a tie on an award tier boundary, with a reason recorded in the audit log");
        group.MapPost("/awards/{track}/confirm", ConfirmAsync)
            .WithSummary("Confirms a track's awards (the final is closed, no boundary tie undecided); archives the audit packet");
        group.MapPost("/awards/{track}/undo", UndoAsync)
            .WithSummary("Withdraws the confirmation of the awards before publication, with a reason");
        group.MapPost("/awards/{track}/reveal", RevealAsync)
            .WithSummary("Moves the projector reveal: next award, back one, or start over");
        group.MapPost("/awards/{track}/publish", PublishAsync)
            .WithSummary("Publishes a track's results on the public page, or withdraws them");
        group.MapPost("/commendations/{recommenderId:int}", CommendAsync)
            .WithSummary("Commends a recommender (表扬组织推荐单位) or declines to, with a note when against the proposal");
        return app;
    }

    private static string Actor(HttpContext http) => $"组织者 {http.User.Identity?.Name}";

    private static Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>> Answer(string? refusal, string done) =>
        refusal is null ? TypedResults.Ok(new MessageBody(done)) : TypedResults.Conflict(new ErrorBody(refusal));

    private static BadRequest<ErrorBody> BadTrack() => TypedResults.BadRequest(new ErrorBody("track 须为 Speech、MicroFilm 或 InnovationCase"));

    private static bool TryEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);

    /// <summary>PUT tier sizes → <see cref="AwardsService.SetTierRulesAsync"/>.</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> SetTiersAsync(
        int id, string track, TierRulesBody body, HttpContext http, AwardsService awards, CancellationToken ct)
    {
        if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadTrack();
        var quotas = new List<TierQuota>();
        foreach (var q in body.Quotas ?? [])
        {
            if (!TryEnum<AwardTier>(q.Tier, out var tier) || !TryEnum<QuotaKind>(q.Kind, out var kind))
                return TypedResults.BadRequest(new ErrorBody("tier 须为 First、Second 或 Third；kind 须为 Percent、Count 或 RestOfFinal"));
            quotas.Add(new TierQuota(tier, kind, q.Value));
        }
        var rounding = QuotaRounding.Nearest;
        if (body.Rounding is not null && !TryEnum(body.Rounding, out rounding)) return TypedResults.BadRequest(new ErrorBody("rounding 须为 Nearest、Down 或 Up"));
        var rules = new TierRules { Quotas = quotas, Rounding = rounding, FinalistsOnly = body.FinalistsOnly };
        return Answer(await awards.SetTierRulesAsync(id, t, rules, Actor(http), ct), "奖项名额已保存");
    }

    /// <summary>POST a tier tie decision → <see cref="AwardsService.ResolveTierTieAsync"/> (reason required).</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> ResolveTieAsync(
        int id, string track, TierTieBody body, HttpContext http, AwardsService awards, Judging.App.ResultsEngine.TrackResultsService results, CancellationToken ct)
    {
        if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadTrack();
        if (!TryEnum<TieResolution>(body.Resolution, out var resolution))
            return TypedResults.BadRequest(new ErrorBody("resolution 须为 Pending、TieBreak、IncludeAll 或 ExcludeAll"));
        if (string.IsNullOrWhiteSpace(body.Reason)) return TypedResults.BadRequest(new ErrorBody("请填写同分决定的理由"));
        var view = await results.LoadAsync(id, t, ct);
        if (view?.Outcome is not { } outcome || outcome.Tiers.Ties.All(x => x.Key != body.Key))
            return TypedResults.Conflict(new ErrorBody("没有这个奖项边界同分"));
        return Answer(await awards.ResolveTierTieAsync(id, t, body.Key, resolution, Actor(http), ct, body.Reason), "同分已决定");
    }

    /// <summary>POST confirm → <see cref="AwardsService.ConfirmAwardsAsync"/>.</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> ConfirmAsync(
        int id, string track, ConfirmBody? body, HttpContext http, AwardsService awards, CancellationToken ct) =>
        ResultsEndpoints.ParseTrack(track) is not { } t ? BadTrack()
        : Answer(await awards.ConfirmAwardsAsync(id, t, Actor(http), ct, body?.Shown), "获奖名单已确认");

    /// <summary>POST undo → <see cref="AwardsService.UndoAwardsAsync"/> (reason required).</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> UndoAsync(
        int id, string track, ReasonBody body, HttpContext http, AwardsService awards, CancellationToken ct) =>
        ResultsEndpoints.ParseTrack(track) is not { } t ? BadTrack()
        : Answer(await awards.UndoAwardsAsync(id, t, body.Reason, Actor(http), ct), "已撤销确认");

    /// <summary>POST a reveal move → <see cref="AwardsService.MoveRevealAsync"/>.</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> RevealAsync(
        int id, string track, RevealBody body, HttpContext http, AwardsService awards, CancellationToken ct) =>
        ResultsEndpoints.ParseTrack(track) is not { } t ? BadTrack()
        : Answer(await awards.MoveRevealAsync(id, t, Math.Sign(body.Delta), Actor(http), ct, body.SeenStep), body.Delta > 0 ? "已揭晓下一个" : body.Delta < 0 ? "已撤回一个" : "揭晓已重新开始");

    /// <summary>POST publication → <see cref="AwardsService.SetPublishedAsync"/>.</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> PublishAsync(
        int id, string track, PublishBody body, HttpContext http, AwardsService awards, CancellationToken ct) =>
        ResultsEndpoints.ParseTrack(track) is not { } t ? BadTrack()
        : Answer(await awards.SetPublishedAsync(id, t, body.Published, Actor(http), ct, body.Early), body.Published ? "结果已发布" : "已撤回发布");

    /// <summary>POST a commendation → <see cref="AwardsService.SetCommendationAsync"/>.</summary>
    public static async Task<Results<Ok<MessageBody>, BadRequest<ErrorBody>, Conflict<ErrorBody>>> CommendAsync(
        int id, int recommenderId, CommendationBody body, HttpContext http, AwardsService awards, CancellationToken ct) =>
        Answer(await awards.SetCommendationAsync(id, recommenderId, body.Commend, body.Reason, Actor(http), ct, body.AgainstProposal),
            body.Commend ? "已确认表扬" : "已确认不予表扬");
}
