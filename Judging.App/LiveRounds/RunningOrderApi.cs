namespace Judging.App.LiveRounds;

using Judging.App.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The running order of a round as JSON for organisers (issue 12, section 4: every organiser action a page performs is also
/// an endpoint on the same service). The same data as the print page <c>/organiser/rounds/{id}/order</c>
/// (<see cref="LeaderboardService.GetForStaffAsync"/>) and the console's draw (<see cref="RoundConsole.DrawRunningOrderAsync"/>).
/// <list type="bullet">
/// <item><c>GET /api/rounds/{id}/running-order</c>: 200 <see cref="RunningOrderView"/>; 404 for an unknown round.</item>
/// <item><c>POST /api/rounds/{id}/running-order/draw</c> (出场顺序抽签, no body): a new random order, only before the round
/// starts; 200 <see cref="RunningOrderView"/> with the new order; 404 for an unknown round; 409 <c>{error}</c> with the refusal
/// in the request's language (e.g. 比赛开始后不能重新抽签); 403 from another origin (<see cref="Hosting.SameOrigin"/>). Audited as
/// the console's draw.</item>
/// </list>
/// Organisers only (401 without a sign-in, 403 for judges and experts).
/// </summary>
public static class RunningOrderApi
{
    /// <summary>Maps the two endpoints; called from <see cref="LiveRoundsModule.MapLiveRounds"/>.</summary>
    public static IEndpointRouteBuilder MapRunningOrderApi(this IEndpointRouteBuilder app)
    {
        var round = app.MapGroup("/api/rounds/{id:int}")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .WithTags("Live rounds");
        round.MapGet("/running-order", GetAsync)
            .WithSummary("The round's running order (出场顺序): position, entry, unit and speaker");
        round.MapPost("/running-order/draw", DrawAsync)
            .WithSummary("Draws a new random running order (出场顺序抽签); refused with 409 once the round has started");
        return app;
    }

    private static async Task<Results<Ok<RunningOrderView>, NotFound>> GetAsync(int id, LeaderboardService boards, CancellationToken ct) =>
        await LoadAsync(id, boards, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Ok<RunningOrderView>, NotFound, Conflict<RunningOrderRefusal>, ForbidHttpResult>> DrawAsync(
        int id, HttpContext http, RoundConsole console, LeaderboardService boards, CancellationToken ct)
    {
        // A cookie-signed POST without a body: a page of another origin could send it (as for the film upload, issue 10 item 10).
        if (!Hosting.SameOrigin.Allows(http.Request)) return TypedResults.Forbid();
        if (await LoadAsync(id, boards, ct) is null) return TypedResults.NotFound();
        if (await console.DrawRunningOrderAsync(id, $"组织者 {http.User.Identity?.Name}", ct) is { } error)
            return TypedResults.Conflict(new RunningOrderRefusal(error));
        return TypedResults.Ok((await LoadAsync(id, boards, ct))!);
    }

    private static async Task<RunningOrderView?> LoadAsync(int id, LeaderboardService boards, CancellationToken ct) =>
        await boards.GetForStaffAsync(id, ct) is { } view
            ? new RunningOrderView(view.RoundId, view.Title, view.Rows.OrderBy(r => r.Position)
                .Select(r => new RunningOrderLine(r.Position, r.EntryId, r.Code, r.Title, r.Unit, r.Presenter)).ToList())
            : null;
}

/// <summary>A round's running order.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="Title">The round's title, e.g. "闵行赛区 · 演讲初赛".</param>
/// <param name="Lines">Its entries by position, from 1.</param>
public sealed record RunningOrderView(int RoundId, string Title, IReadOnlyList<RunningOrderLine> Lines);

/// <summary>One entry of a running order.</summary>
/// <param name="Position">出场顺序, from 1.</param>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">作品编号, e.g. YJ-015.</param>
/// <param name="Title">作品名称.</param>
/// <param name="Unit">参赛单位.</param>
/// <param name="Presenter">演讲者.</param>
public sealed record RunningOrderLine(int Position, int EntryId, string Code, string Title, string Unit, string Presenter);

/// <summary>A refused running-order change: <paramref name="Error"/> in the request's language.</summary>
public sealed record RunningOrderRefusal(string Error);
