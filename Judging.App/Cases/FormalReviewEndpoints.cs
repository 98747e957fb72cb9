namespace Judging.App.Cases;

using Judging.App.Accounts;
using Judging.Domain.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The formal-review page's actions as JSON for organisers' scripts (issue 12, section 4), on the same service
/// (<see cref="IFormalReview"/>) and authorised like the page (organisers):
/// <list type="bullet">
/// <item><c>POST /api/cases/{entryId}/formal-review/accept</c> <c>{"ticks":["StampedApplication",…],"overrideReason":null}</c>
/// → 200 <c>{"message","status"}</c>; 409 <c>{"error"}</c> when refused (not submitted; a failing item without an override reason).</item>
/// <item><c>POST /api/cases/{entryId}/formal-review/return</c> <c>{"ticks":[…],"reason":"…"}</c> → 200, or 409 (no reason; not submitted).</item>
/// </list>
/// <c>ticks</c> are the manual items checked (<see cref="ChecklistKey"/> names; an unknown name is 400); 404 for an unknown entry.
/// Errors are in the request's language (zh-CN by default, <c>?culture=en</c>).
/// </summary>
public static class FormalReviewEndpoints
{
    /// <summary>The body of accept: the manual items ticked and, when an item fails, the reason to accept anyway (破例通过).</summary>
    public sealed record AcceptBody(IReadOnlyList<string>? Ticks, string? OverrideReason);

    /// <summary>The body of return: the manual items ticked and the reasons the unit will read (one per line).</summary>
    public sealed record ReturnBody(IReadOnlyList<string>? Ticks, string? Reason);

    /// <summary>A step taken: a message and the entry's new status (<see cref="FormalReviewStatus"/> name).</summary>
    public sealed record StepBody(string Message, string Status);

    /// <summary>A refusal, in the request's language.</summary>
    public sealed record ErrorBody(string Error);

    /// <summary>Maps the endpoints above (organisers only).</summary>
    public static IEndpointRouteBuilder MapFormalReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{entryId:int}/formal-review")
            .RequireAuthorization(p => p.RequireRole(Roles.Organiser))
            .WithTags("Formal review");
        api.MapPost("/accept", AcceptAsync).WithSummary("Accept a case in formal review (通过); a failing check needs overrideReason.");
        api.MapPost("/return", ReturnAsync).WithSummary("Return a case for revision (退回修改) with the reasons the unit will read.");
        return app;
    }

    private static Task<Results<Ok<StepBody>, BadRequest<ErrorBody>, NotFound<ErrorBody>, Conflict<ErrorBody>>> AcceptAsync(
        int entryId, AcceptBody body, HttpContext http, IFormalReview review, CancellationToken ct) =>
        ActAsync(entryId, body.Ticks, http, review, (ticks, actor) => review.AcceptAsync(entryId, ticks, body.OverrideReason, actor, ct), accept: true, ct);

    private static Task<Results<Ok<StepBody>, BadRequest<ErrorBody>, NotFound<ErrorBody>, Conflict<ErrorBody>>> ReturnAsync(
        int entryId, ReturnBody body, HttpContext http, IFormalReview review, CancellationToken ct) =>
        ActAsync(entryId, body.Ticks, http, review, (ticks, actor) => review.ReturnAsync(entryId, ticks, body.Reason, actor, ct), accept: false, ct);

    private static async Task<Results<Ok<StepBody>, BadRequest<ErrorBody>, NotFound<ErrorBody>, Conflict<ErrorBody>>> ActAsync(
        int entryId, IReadOnlyList<string>? tickNames, HttpContext http, IFormalReview review,
        Func<IReadOnlySet<ChecklistKey>, string, Task<ReviewStep>> act, bool accept, CancellationToken ct)
    {
        var L = Texts(http);
        var ticks = new HashSet<ChecklistKey>();
        foreach (var name in tickNames ?? [])
        {
            if (!Enum.TryParse<ChecklistKey>(name, ignoreCase: true, out var key) || !FormalChecklist.ManualKeys.Contains(key))
                return TypedResults.BadRequest(new ErrorBody(L["未知的人工检查项：{0}", name]));
            ticks.Add(key);
        }
        if (await review.DetailAsync(entryId, ticks, ct) is null) return TypedResults.NotFound(new ErrorBody(L["作品不存在。"]));
        var step = await act(ticks, $"组织者 {http.User.Identity?.Name}");
        if (!step.Ok) return TypedResults.Conflict(new ErrorBody(step.Refusal!));
        var status = (await review.DetailAsync(entryId, null, ct))!.Review.Status;
        return TypedResults.Ok(new StepBody(accept ? L["已通过形式审查。"] : L["已退回修改，参赛单位可在提交链接中看到理由并重新提交。"], status.ToString()));
    }

    /// <summary>This file's texts: Resources/Cases/FormalReviewEndpoints.en.resx (a static class cannot name an IStringLocalizer&lt;T&gt;).</summary>
    private static Microsoft.Extensions.Localization.IStringLocalizer Texts(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>()
            .Create("Cases.FormalReviewEndpoints", typeof(FormalReviewEndpoints).Assembly.GetName().Name!);
}
