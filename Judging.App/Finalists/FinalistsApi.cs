namespace Judging.App.Finalists;

using Judging.App.ResultsEngine;
using Judging.App.Api;
using Judging.App.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using static Judging.App.Api.OrganiserApi;

/// <summary>
/// The finalist page's actions as JSON (issue 12; <c>/organiser/finalists/{id}/{track}</c>), organiser only, each through the
/// same <see cref="TrackResultsService"/> method as the page. Every route takes <c>?track=Speech|MicroFilm|InnovationCase</c>.
/// The list itself is <c>GET /api/competitions/{id}/finalists?track=</c> (<see cref="ResultsEndpoints"/>). Conventions and
/// refusals: <see cref="OrganiserApi"/>.
/// </summary>
public static class FinalistsApi
{
    /// <summary>The finalist rules of a track and their state.</summary>
    /// <param name="PerDivision">Seats per division (每个分赛区名额); null: none.</param>
    /// <param name="Overall">Seats in all (总名额); null: none.</param>
    /// <param name="UnitCap">At most this many finalists per unit (每个参赛单位上限, default 1).</param>
    /// <param name="GroupCap">At most this many finalists per group company (每个集团公司上限, default 2).</param>
    /// <param name="Normalisation"><c>None|PerDivision|PerJudge</c>: the score that compares divisions in the overall cut.</param>
    /// <param name="VoteWeightPercent">Films: weight of the public vote in the preliminary score, percent (0–100).</param>
    /// <param name="Confirmed">True once the list is confirmed (then nothing here changes until the confirmation is undone).</param>
    /// <param name="FinalRoundId">The final round created by the confirmation, or null.</param>
    /// <param name="Description">The rules in one Chinese line, as the page shows them (当前规则).</param>
    public sealed record FinalistRulesDto(int? PerDivision, int? Overall, int UnitCap, int GroupCap, string Normalisation, decimal VoteWeightPercent,
        bool Confirmed, int? FinalRoundId, string Description);

    /// <summary>New finalist rules (the page's 保存规则).</summary>
    /// <param name="PerDivision">Seats per division; null or 0: none.</param>
    /// <param name="Overall">Seats in all; null or 0: none (at least one of the two targets is needed).</param>
    /// <param name="UnitCap">Per-unit cap, at least 1; null keeps the default 1.</param>
    /// <param name="GroupCap">Per-group cap, at least 1; null keeps the default 2.</param>
    /// <param name="Normalisation"><c>None</c> (default), <c>PerDivision</c> or <c>PerJudge</c>.</param>
    public sealed record FinalistRulesBody(int? PerDivision, int? Overall, int? UnitCap, int? GroupCap, string? Normalisation);

    /// <summary>Films: the public vote's weight (the page's 保存权重).</summary>
    /// <param name="Percent">0–100.</param>
    public sealed record VoteWeightBody(decimal Percent);

    /// <summary>A decision on a tie at a cut (the tie panel's buttons).</summary>
    /// <param name="Key">The tie's key as the list shows it (<c>tie.key</c> / <c>pending[].key</c>): <c>overall</c>, <c>division:3</c>,
    /// <c>division:none</c>. A cap tie (<c>cap:12</c>) is settled by an override instead (409).</param>
    /// <param name="Resolution"><c>IncludeAll</c> (全部入围), <c>TieBreak</c> (按规则决出) or <c>Pending</c> (待定).</param>
    /// <param name="Reason">Why (required, as on the page; kept in the audit log).</param>
    public sealed record TieDecisionBody(string Key, string Resolution, string? Reason);

    /// <summary>An override of one entry (the list's 破格入围 / 调出 / 取消调整).</summary>
    /// <param name="Action"><c>Admit</c> (破格入围), <c>Drop</c> (调出) or <c>Clear</c> (取消调整).</param>
    /// <param name="Reason">Required for Admit and Drop (shown in the results and exports); ignored for Clear.</param>
    public sealed record OverrideBody(string Action, string? Reason);

    /// <summary>An entry's eligibility (the list's 退赛 / 取消资格 / 恢复资格).</summary>
    /// <param name="Eligibility"><c>Withdrawn</c> (退赛), <c>Ineligible</c> (取消资格) or <c>Eligible</c> (恢复资格).</param>
    /// <param name="Reason">Required for Withdrawn and Ineligible.</param>
    public sealed record EligibilityBody(string Eligibility, string? Reason);

    /// <summary>Confirms the list (确认入围名单并创建决赛).</summary>
    /// <param name="Finalists">Optional: the finalists' entry ids (any order) as the script last read them (<c>rows</c> with
    /// status <c>Finalist</c>); when given and the finalists have changed since, 409 (as the page refuses a list changed by someone
    /// else).</param>
    public sealed record ConfirmBody(IReadOnlyList<int>? Finalists);

    /// <summary>Withdraws the confirmation (撤销确认), while the final has not started.</summary>
    /// <param name="Reason">Why (required).</param>
    public sealed record UndoBody(string? Reason);

    /// <summary>The answer of a successful confirmation: the final round created.</summary>
    /// <param name="Message">"入围名单已确认，决赛已创建".</param>
    /// <param name="FinalRoundId">The final (or re-review) round's id.</param>
    public sealed record ConfirmedDto(string Message, int? FinalRoundId);

    private const string TrackError = "track 须为 Speech、MicroFilm 或 InnovationCase";

    /// <summary>Maps <c>/api/competitions/{id}/finalists/…</c> (called from <see cref="FinalistsModule.MapFinalists"/>).</summary>
    internal static RouteGroupBuilder MapFinalistsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/competitions/{id:int}/finalists").RequireStaff("Finalists");

        api.MapGet("/rules", async (int id, string? track, TrackResultsService results, CancellationToken ct) =>
            ResultsEndpoints.ParseTrack(track) is not { } t ? BadRequest(TrackError)
            : await results.LoadAsync(id, t, ct) is not { } view ? NotFound("大赛不存在")
            : Results.Ok(Rules(view.Settings)))
            .WithSummary("The finalist rules of a track (targets, caps, normalisation, film vote weight) and whether the list is confirmed")
            .Produces<FinalistRulesDto>().Produces<ApiError>(400).Produces<ApiError>(404);

        api.MapPost("/rules", async (int id, string? track, FinalistRulesBody body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(TrackError);
            var mode = body.Normalisation is null ? NormalisationMode.None : ParseEnum<NormalisationMode>(body.Normalisation);
            if (mode is null) return BadRequest("normalisation 须为 None、PerDivision 或 PerJudge");
            var rules = new FinalistRules
            {
                PerDivision = body.PerDivision is > 0 ? body.PerDivision : null, Overall = body.Overall is > 0 ? body.Overall : null,
                UnitCap = body.UnitCap ?? FinalistRules.DefaultUnitCap, GroupCap = body.GroupCap ?? FinalistRules.DefaultGroupCap, Normalisation = mode.Value,
            };
            var error = await results.SetFinalistRulesAsync(id, t, rules, Actor(http), ct);
            return error is null ? Results.Ok(Rules(await results.SettingsAsync(id, t, ct))) : Conflict(error);
        })
        .WithSummary("Sets the finalist targets and caps (保存规则), before confirmation; answers the rules now in force")
        .Produces<FinalistRulesDto>().ProducesRefusals();

        api.MapPost("/vote-weight", async (int id, string? track, VoteWeightBody body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(TrackError);
            var error = await results.SetVoteWeightAsync(id, t, body.Percent, Actor(http), ct);
            return error is null ? Results.Ok(Rules(await results.SettingsAsync(id, t, ct))) : Conflict(error);
        })
        .WithSummary("Films: sets the public vote's weight in the preliminary score (保存权重), before confirmation")
        .Produces<FinalistRulesDto>().ProducesRefusals();

        api.MapPost("/ties", async (int id, string? track, TieDecisionBody body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(TrackError);
            if (!CutKey.TryParse(body.Key, out var key)) return BadRequest("key 须为名单中同分的键，如 overall、division:3");
            if (ParseEnum<TieResolution>(body.Resolution) is not { } resolution) return BadRequest("resolution 须为 IncludeAll、TieBreak 或 Pending");
            if (string.IsNullOrWhiteSpace(body.Reason)) return BadRequest("请填写理由");
            return Outcome(await results.ResolveFinalistTieAsync(id, t, key, resolution, Actor(http), ct, body.Reason), "同分已决定");
        })
        .WithSummary("Decides a tie at a finalist cut (全部入围 / 按规则决出 / 待定) with a reason")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/entries/{entryId:int}/override", async (int id, int entryId, string? track, OverrideBody body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(TrackError);
            OverrideKind? kind;
            if (string.Equals(body.Action, "Clear", StringComparison.OrdinalIgnoreCase)) kind = null;
            else if (ParseEnum<OverrideKind>(body.Action) is { } k) kind = k;
            else return BadRequest("action 须为 Admit、Drop 或 Clear");
            return Outcome(await results.SetOverrideAsync(id, t, entryId, kind, kind is null ? null : body.Reason, Actor(http), ct), "已保存");
        })
        .WithSummary("Admits (破格入围) or drops (调出) an entry with a reason, or clears the override (取消调整)")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/entries/{entryId:int}/eligibility", async (int id, int entryId, string? track, EligibilityBody body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(TrackError);
            if (ParseEnum<Eligibility>(body.Eligibility) is not { } eligibility) return BadRequest("eligibility 须为 Withdrawn、Ineligible 或 Eligible");
            return Outcome(await results.SetEligibilityAsync(id, t, entryId, eligibility, eligibility == Eligibility.Eligible ? null : body.Reason, Actor(http), ct), "已保存");
        })
        .WithSummary("Marks an entry withdrawn (退赛) or ineligible (取消资格) with a reason, or eligible again (恢复资格)")
        .Produces<ApiMessage>().ProducesRefusals();

        api.MapPost("/confirm", async (int id, string? track, ConfirmBody? body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ResultsEndpoints.ParseTrack(track) is not { } t) return BadRequest(TrackError);
            string? shown = null;
            if (body?.Finalists is { } ids)
            {
                // The script's list in any order; the service then checks the list it confirms is still this one.
                if (await results.LoadAsync(id, t, ct) is not { Outcome: { } o }) return Conflict("无法计算入围名单");
                if (!o.Finalists.FinalistIds.ToHashSet().SetEquals(ids) || o.Finalists.FinalistIds.Count != ids.Count)
                    return Conflict("名单已被其他人修改，请核对刷新后的名单再确认");
                shown = TrackResultsService.FinalistsFingerprint(o);
            }
            var error = await results.ConfirmFinalistsAsync(id, t, Actor(http), ct, shown);
            return error is null
                ? Results.Ok(new ConfirmedDto("入围名单已确认，决赛已创建", (await results.SettingsAsync(id, t, ct)).FinalRoundId))
                : Conflict(error);
        })
        .WithSummary("Confirms the finalists and creates the final round with a drawn running order (确认入围名单并创建决赛)")
        .Produces<ConfirmedDto>().ProducesRefusals();

        api.MapPost("/undo", async (int id, string? track, UndoBody body, HttpContext http, TrackResultsService results, CancellationToken ct) =>
            ResultsEndpoints.ParseTrack(track) is not { } t ? BadRequest(TrackError)
            : Outcome(await results.UndoFinalistsAsync(id, t, body.Reason, Actor(http), ct), "已撤销确认"))
        .WithSummary("Withdraws the confirmation with a reason while the final has not started (撤销确认); the final round is removed")
        .Produces<ApiMessage>().ProducesRefusals();

        return api;
    }

    private static FinalistRulesDto Rules(TrackSettings s) =>
        new(s.PerDivision, s.Overall, s.UnitCap, s.GroupCap, s.Normalisation.ToString(), s.VoteWeightPercent, s.FinalistsConfirmedAt is not null,
            s.FinalRoundId, s.FinalistRules().Describe().ToString());
}
