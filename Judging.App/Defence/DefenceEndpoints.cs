namespace Judging.App.Defence;

using System.Globalization;
using Judging.App.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The defence page's actions as JSON for organisers' scripts (issue 12, section 4), on <see cref="IDefenceSchedule"/> and
/// authorised like the page (organisers):
/// <list type="bullet">
/// <item><c>GET /api/competitions/{competitionId}/defences</c> → 200 <c>{"roundId","roundStatus","lines":[{"entryId","code","title","unit","position","startsAt","minutes","reason"}]}</c>
/// (times in Beijing wall-clock, <c>yyyy-MM-ddTHH:mm</c>); 409 <c>{"error"}</c> before the re-review list is confirmed.</item>
/// <item><c>POST /api/competitions/{competitionId}/defences/{entryId}</c> <c>{"startsAt":"2025-07-15T09:00","minutes":20,"reason":"…"}</c>
/// → 200 <c>{"message"}</c>; 409 when refused (overlap, closed round, no reason, 5–120 minutes).</item>
/// <item><c>POST /api/competitions/{competitionId}/defences/{entryId}/cancel</c> <c>{"reason":"…"}</c> → 200, or 409 (no reason; not called).</item>
/// <item><c>POST /api/competitions/{competitionId}/defences/apply-order</c> → 200, or 409 once the re-review has started.</item>
/// </list>
/// Errors are in the request's language (zh-CN by default, <c>?culture=en</c>).
/// </summary>
public static class DefenceEndpoints
{
    /// <summary>A call: start (Beijing wall-clock), length in minutes, and why.</summary>
    public sealed record CallBody(DateTime StartsAt, int Minutes, string? Reason);

    /// <summary>A withdrawal's reason.</summary>
    public sealed record CancelBody(string? Reason);

    /// <summary>An action taken.</summary>
    public sealed record MessageBody(string Message);

    /// <summary>A refusal, in the request's language.</summary>
    public sealed record ErrorBody(string Error);

    /// <summary>One re-review case; <c>StartsAt</c> null when it has no defence.</summary>
    public sealed record LineBody(int EntryId, string Code, string Title, string Unit, int Position, string? StartsAt, int? Minutes, string? Reason);

    /// <summary>The schedule.</summary>
    public sealed record ScheduleBody(int RoundId, string RoundStatus, IReadOnlyList<LineBody> Lines);

    /// <summary>Maps the endpoints above (organisers only).</summary>
    public static IEndpointRouteBuilder MapDefenceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/competitions/{competitionId:int}")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .WithTags("Defences");
        api.MapGet("/defences", ScheduleAsync).WithSummary("The cases' re-review and its defence schedule (答辩安排), times in Beijing time.");
        api.MapPost("/defences/{entryId:int}", CallAsync).WithSummary("Call a case to a defence, or move its slot (no overlaps; a reason is required).");
        api.MapPost("/defences/{entryId:int}/cancel", CancelAsync).WithSummary("Withdraw a case's defence, with a reason.");
        api.MapPost("/defences/apply-order", ApplyOrderAsync).WithSummary("Put the defences first, by time, in the re-review's running order (before it starts).");
        return app;
    }

    private static async Task<Results<Ok<ScheduleBody>, Conflict<ErrorBody>>> ScheduleAsync(int competitionId, IDefenceSchedule defences, CancellationToken ct)
    {
        var view = await defences.LoadAsync(competitionId, ct);
        if (view.Round is not { } round) return TypedResults.Conflict(new ErrorBody(view.Error ?? ""));
        return TypedResults.Ok(new ScheduleBody(round.Id, round.Status.ToString(), view.Lines.Select(l => new LineBody(l.EntryId, l.Code, l.Title, l.Unit, l.Position,
            l.Slot?.StartsAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), l.Slot?.Minutes, l.Slot?.Reason)).ToList()));
    }

    private static async Task<Results<Ok<MessageBody>, Conflict<ErrorBody>>> CallAsync(int competitionId, int entryId, CallBody body, HttpContext http,
        IDefenceSchedule defences, CancellationToken ct) =>
        Answer(await defences.CallAsync(competitionId, entryId, body.StartsAt, body.Minutes, body.Reason, Actor(http), ct), Texts(http)["已安排答辩"]);

    private static async Task<Results<Ok<MessageBody>, Conflict<ErrorBody>>> CancelAsync(int competitionId, int entryId, CancelBody body, HttpContext http,
        IDefenceSchedule defences, CancellationToken ct) =>
        Answer(await defences.CancelAsync(competitionId, entryId, body.Reason, Actor(http), ct), Texts(http)["已取消答辩"]);

    private static async Task<Results<Ok<MessageBody>, Conflict<ErrorBody>>> ApplyOrderAsync(int competitionId, HttpContext http,
        IDefenceSchedule defences, CancellationToken ct) =>
        Answer(await defences.ApplyRunningOrderAsync(competitionId, Actor(http), ct), Texts(http)["已按答辩安排排定出场顺序"]);

    private static Results<Ok<MessageBody>, Conflict<ErrorBody>> Answer(string? error, string ok) =>
        error is null ? TypedResults.Ok(new MessageBody(ok)) : TypedResults.Conflict(new ErrorBody(error));

    private static string Actor(HttpContext http) => $"组织者 {http.User.Identity?.Name}";

    /// <summary>This file's texts: Resources/Defence/DefenceEndpoints.en.resx (a static class cannot name an IStringLocalizer&lt;T&gt;).</summary>
    private static Microsoft.Extensions.Localization.IStringLocalizer Texts(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>()
            .Create("Defence.DefenceEndpoints", typeof(DefenceEndpoints).Assembly.GetName().Name!);
}
