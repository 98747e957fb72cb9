namespace Judging.App.Awards;

using Judging.App.ResultsEngine;
using System.Text;
using Judging.App.Accounts;
using Judging.App.Finalists;
using Judging.App.LiveRounds;
using Judging.Domain.Awards;
using Judging.Domain.Competitions;
using Judging.Domain.Finalists;
using Judging.Domain.LiveRounds;
using Microsoft.AspNetCore.SignalR;

/// <summary>
/// Finalists and awards over JSON (README, "JSON API"), the reveal hub, and the organiser's downloads.
/// Before confirmation the finalist list (and, for a track reviewed online, before the review's results are published) and
/// before publication the award list are the organiser's only (401/403); afterwards they are public like the leaderboards.
/// </summary>
public static class ResultsEndpoints
{
    /// <summary>
    /// A tie an entry is in: the entry numbers (作品编号) it is tied with, whether the organiser's choice settles it, the choice
    /// (<c>Pending|TieBreak|IncludeAll|ExcludeAll</c>) and the cut's key (e.g. <c>division:3</c>, <c>tier:1</c>, <c>cap:12</c>).
    /// </summary>
    public sealed record TieDto(IReadOnlyList<string> With, bool Decided, string Resolution, string Key);

    /// <summary>
    /// Something not decided yet: <c>kind</c> <c>finalistTie</c> (a tie at a finalist cut), <c>tierTie</c> (a tie on a tier
    /// boundary) or <c>awaitingFinal</c> (the finalists, before the final is held); the cut's key (or <c>final</c>), the
    /// entry numbers concerned and a Chinese message.
    /// </summary>
    public sealed record PendingDto(string Kind, string Key, IReadOnlyList<string> Entries, string Message);

    /// <summary>A finalist-list line; status Finalist|Skipped|Reserve (a seat held only until an undecided tie is settled shows in <see cref="Tie"/>).</summary>
    public sealed record FinalistDto(int EntryId, string Code, string Title, string Unit, string? Group, string Status, string? Remark, string? OverrideReason, TieDto? Tie);

    /// <summary>The finalist JSON: <c>{track, confirmed, pending: [PendingDto], rows: [FinalistDto]}</c>.</summary>
    public sealed record FinalistListDto(string Track, bool Confirmed, IReadOnlyList<PendingDto> Pending, IReadOnlyList<FinalistDto> Rows);

    /// <summary>
    /// An award line: a tier (一等奖…), 待决赛 (a finalist before the final; <see cref="AwaitingFinal"/> true), an audience award,
    /// or 参赛成果证书; <see cref="Tie"/> for an entry in a tier-boundary tie.
    /// </summary>
    public sealed record AwardDto(int EntryId, string Code, string Title, string Unit, string Award, TieDto? Tie, bool AwaitingFinal);

    /// <summary>The award JSON: <c>{track, published, finalHeld, pending: [PendingDto], rows: [AwardDto]}</c>.</summary>
    public sealed record AwardListDto(string Track, bool Published, bool FinalHeld, IReadOnlyList<PendingDto> Pending, IReadOnlyList<AwardDto> Rows);

    /// <summary>Parses <c>?track=Speech|MicroFilm|InnovationCase</c> (case-insensitive).</summary>
    public static Track? ParseTrack(string? track) => Enum.TryParse<Track>(track, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;

    /// <summary>Maps the endpoints and the reveal hub.</summary>
    public static void MapResultsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/competitions/{id:int}/finalists", async (int id, string? track, HttpContext http, TrackResultsService results, CancellationToken ct) =>
        {
            if (ParseTrack(track) is not { } t) return Results.BadRequest(new { error = "track 须为 Speech、MicroFilm 或 InnovationCase" });
            var view = await results.LoadAsync(id, t, ct);
            if (view is null) return Results.NotFound(new { error = "大赛不存在" });
            // Public once confirmed, and for films and cases once the online review's results are published (the list tells ranks).
            var open = view.FinalistsConfirmed && await results.PreliminaryScoresPublicAsync(view, ct);
            if (!open && Denied(http) is { } denied) return denied;
            if (view.Outcome is null) return Results.Conflict(new { error = view.Error });
            return Results.Ok(FinalistList(view));
        });

        app.MapGet("/api/competitions/{id:int}/awards", async (int id, string? track, HttpContext http, TrackResultsService results, IServiceProvider sp, CancellationToken ct) =>
        {
            if (ParseTrack(track) is not { } t) return Results.BadRequest(new { error = "track 须为 Speech、MicroFilm 或 InnovationCase" });
            var view = await results.LoadAsync(id, t, ct);
            if (view is null) return Results.NotFound(new { error = "大赛不存在" });
            if (!view.Published && Denied(http) is { } denied) return denied;
            if (view.Outcome is null) return Results.Conflict(new { error = view.Error });
            return Results.Ok(await AwardJsonAsync(view, sp, ct));
        });

        app.MapGet("/api/competitions/{id:int}/reveal", async (int id, string? track, TrackResultsService results, CancellationToken ct) =>
        {
            if (ParseTrack(track) is not { } t) return Results.BadRequest(new { error = "track 须为 Speech、MicroFilm 或 InnovationCase" });
            var view = await results.LoadAsync(id, t, ct);
            return view is null ? Results.NotFound(new { error = "大赛不存在" }) : Results.Ok(AwardsService.Reveal(view));
        });

        var exports = app.MapGroup("/organiser/exports/{id:int}/{track}").RequireAuthorization(p => p.RequireRole(Roles.Organiser));
        exports.MapGet("/results.csv", async (int id, string track, TrackResultsService results, ResultsExport export, IServiceProvider sp, CancellationToken ct) =>
            ParseTrack(track) is { } t && await results.LoadAsync(id, t, ct) is { } view
                ? Results.File(export.ResultsCsv(view, await AudienceAwardsAsync(view, sp, ct)), "text/csv; charset=utf-8", $"{view.Competition.Year}-{ChineseNames.Of(t)}-成绩与奖项.csv")
                : Results.NotFound());
        exports.MapGet("/raw-scores.csv", async (int id, string track, TrackResultsService results, ResultsExport export, CancellationToken ct) =>
            ParseTrack(track) is { } t && await results.LoadAsync(id, t, ct) is { } view
                ? Results.File(await export.RawScoresCsvAsync(id, t, ct), "text/csv; charset=utf-8", $"{view.Competition.Year}-{ChineseNames.Of(t)}-评委原始评分.csv")
                : Results.NotFound());
        exports.MapGet("/audit-packet.json", async (int id, string track, TrackResultsService results, CancellationToken ct) =>
        {
            if (ParseTrack(track) is not { } t || await results.LoadAsync(id, t, ct) is not { } view) return Results.NotFound();
            if (view.Outcome is null) return Results.Conflict(new { error = view.Error });
            // Once the awards are confirmed, the packet stored then (its SHA-256 is the one published); before, the current one.
            var json = view.Settings.AwardsPacket ?? AuditPacket.Create(view.Input, view.Outcome).ToJson();
            return Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"{view.Competition.Year}-{ChineseNames.Of(t)}-审计包.json");
        });

        app.MapHub<RevealHub>("/hubs/reveal");
    }

    /// <summary>The finalist JSON of <paramref name="view"/> (its outcome computed): every line with its tie, the undecided ties as pending.</summary>
    public static FinalistListDto FinalistList(TrackResultsView view)
    {
        var proposal = view.Outcome!.Finalists;
        var ties = TiesByEntry(view, proposal.Ties.Select(t => (t.Key.ToString(), t.Inside.Concat(t.Outside).ToList(), t.Resolved, t.Resolution)));
        var rows = proposal.Lines.Select(l =>
        {
            var e = view.Entries[l.Candidate.EntryId];
            return new FinalistDto(e.EntryId, e.Code, e.Title, e.Unit, e.Group, l.Status.ToString(), l.Remark?.ToString(), l.OverrideReason, ties.GetValueOrDefault(e.EntryId));
        }).ToList();
        return new FinalistListDto(view.Track.ToString(), view.FinalistsConfirmed, FinalistPending(view), rows);
    }

    private static List<PendingDto> FinalistPending(TrackResultsView view) => view.FinalistsConfirmed ? [] :
        view.Outcome!.Finalists.Ties.Where(t => !t.Resolved)
            .Select(t => new PendingDto("finalistTie", t.Key.ToString(), Codes(view, t.Inside.Concat(t.Outside)), t.Explanation.ToString())).ToList();

    /// <summary>
    /// The award JSON of <paramref name="view"/>: professional tiers (一等奖 first, in award order), the finalists awaiting the
    /// final (待决赛), audience awards, then participation certificates; pending: undecided finalist and tier ties, and the
    /// finalists while the final has not been held.
    /// </summary>
    public static async Task<AwardListDto> AwardJsonAsync(TrackResultsView view, IServiceProvider sp, CancellationToken ct)
    {
        var tiers = view.Outcome!.Tiers;
        var ties = TiesByEntry(view, tiers.Ties.Select(t => (t.Key, t.Inside.Concat(t.Outside).ToList(), t.Resolved, t.Resolution)));
        var rows = (await AwardListAsync(view, sp, ct)).Select(a => a with { Tie = a.AwaitingFinal ? null : ties.GetValueOrDefault(a.EntryId) }).ToList();
        var pending = FinalistPending(view);
        pending.AddRange(tiers.Ties.Where(t => !t.Resolved).Select(t => new PendingDto("tierTie", t.Key, Codes(view, t.Inside.Concat(t.Outside)), t.Explanation.ToString())));
        var awaiting = tiers.Lines.Where(l => l.Candidate.AwaitingFinal).Select(l => l.Candidate.EntryId).ToList();
        if (awaiting.Count > 0)
            pending.Add(new PendingDto("awaitingFinal", "final", Codes(view, awaiting),
                $"决赛尚未举行：{awaiting.Count} 个入围作品待决赛，其奖项由决赛决出；其余作品的奖项按已知成绩评定"));
        return new AwardListDto(view.Track.ToString(), view.Published, view.FinalRound?.Status == RoundStatus.Closed, pending, rows);
    }

    /// <summary>Professional tiers (一等奖 first, in award order), finalists awaiting the final, then audience awards, then participation certificates.</summary>
    public static async Task<IReadOnlyList<AwardDto>> AwardListAsync(TrackResultsView view, IServiceProvider sp, CancellationToken ct)
    {
        var list = new List<AwardDto>();
        AwardDto Dto(int entryId, string award, bool awaiting = false) { var e = view.Entries[entryId]; return new AwardDto(e.EntryId, e.Code, e.Title, e.Unit, award, null, awaiting); }
        foreach (var l in view.Outcome!.Tiers.Lines.Where(l => l.Tier is not null).OrderBy(l => l.Tier))
            list.Add(Dto(l.Candidate.EntryId, AwardNames.Of(l.Tier!.Value)));
        foreach (var l in view.Outcome.Tiers.Lines.Where(l => l.Candidate.AwaitingFinal))
            list.Add(Dto(l.Candidate.EntryId, AwardNames.AwaitingFinal, awaiting: true));
        foreach (var a in await AudienceAwardsAsync(view, sp, ct))
            list.Add(Dto(a.EntryId, a.Award));
        foreach (var l in view.Outcome.Lines.Where(l => l.Tier is null && l.Award == AwardNames.Participation))
            list.Add(Dto(l.EntryId, AwardNames.Participation));
        return list;
    }

    /// <summary>Entry id → its tie (the first undecided one when it is in several).</summary>
    private static Dictionary<int, TieDto> TiesByEntry(TrackResultsView view, IEnumerable<(string Key, List<int> Members, bool Resolved, TieResolution Resolution)> ties)
    {
        var map = new Dictionary<int, TieDto>();
        foreach (var (key, members, resolved, resolution) in ties.OrderBy(t => t.Resolved))
            foreach (var id in members)
                map.TryAdd(id, new TieDto(Codes(view, members.Where(m => m != id)), resolved, resolution.ToString(), key));
        return map;
    }

    private static List<string> Codes(TrackResultsView view, IEnumerable<int> ids) => ids.Select(id => view.Entries[id].Code).ToList();

    /// <summary>The decided audience awards of the track (最具风采奖, 最佳演绎奖…): (entry, award name).</summary>
    public static async Task<IReadOnlyList<(int EntryId, string Award)>> AudienceAwardsAsync(TrackResultsView view, IServiceProvider sp, CancellationToken ct)
    {
        var results = await sp.GetRequiredService<VenueVoting.AudienceAwardsService>().GetResultsAsync(view.Competition.Id, view.Track, ct);
        return results.Where(r => r.Decided && r.EntryId is { } id && view.Entries.ContainsKey(id)).Select(r => (r.EntryId!.Value, r.AwardName)).ToList();
    }

    private static IResult? Denied(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true ? Results.Unauthorized()
        : !http.User.IsInRole(Roles.Organiser) ? Results.Forbid() : null;
}

/// <summary>
/// SignalR hub at <c>/hubs/reveal</c>: a projector calls <c>Join(competitionId, track)</c> and receives <c>reveal</c>
/// with the whole <see cref="RevealView"/> after every change (anonymous: it shows only what the organiser revealed).
/// </summary>
public sealed class RevealHub(TrackResultsService results) : Hub
{
    /// <summary>Group name of a track's reveal.</summary>
    public static string GroupOf(int competitionId, Track track) => $"reveal-{competitionId}-{track}";

    /// <summary>Subscribes the caller and returns the reveal now (null: no such competition).</summary>
    public async Task<RevealView?> Join(int competitionId, string track)
    {
        if (ResultsEndpoints.ParseTrack(track) is not { } t) return null;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(competitionId, t));
        return await results.LoadAsync(competitionId, t, Context.ConnectionAborted) is { } view ? AwardsService.Reveal(view) : null;
    }
}

/// <summary>Pushes the reveal to its projectors after every <see cref="AwardsChanged"/>.</summary>
public sealed class RevealBroadcaster(ILiveEvents events, IServiceScopeFactory scopes, IHubContext<RevealHub> hub, ILogger<RevealBroadcaster> log) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(async e =>
        {
            if (e is not AwardsChanged a) return;
            try
            {
                using var scope = scopes.CreateScope();
                var view = await scope.ServiceProvider.GetRequiredService<TrackResultsService>().LoadAsync(a.CompetitionId, a.Track, CancellationToken.None);
                if (view is not null) await hub.Clients.Group(RevealHub.GroupOf(a.CompetitionId, a.Track)).SendAsync("reveal", AwardsService.Reveal(view));
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Reveal broadcast failed for competition {CompetitionId} {Track}", a.CompetitionId, a.Track);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
