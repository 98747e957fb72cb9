namespace Judging.App.Api;

using Judging.App.Accounts;
using Judging.App.Hosting;

/// <summary>
/// Conventions of the organiser's JSON endpoints (issue 12: every organiser action a page performs is also an endpoint, so
/// organisers and partners can script a competition; README, "JSON API"):
/// <list type="bullet">
/// <item>Signed-in organiser cookie (<c>judging.auth</c>, from <c>POST /account/login</c>); the chief judge's unlock needs
/// the chief judge's cookie. Without a session 401, with another role 403 (never a redirect).</item>
/// <item>Bodies are JSON (<c>application/json</c>): a cross-site form cannot send that without a CORS preflight, which this app
/// never grants, so there is no antiforgery token; a present <c>Origin</c> / <c>Sec-Fetch-Site</c> must name this host
/// (<see cref="SameOrigin"/>), else 403.</item>
/// <item>Success: 200 with the JSON named per endpoint. Refusals: 400 <c>{"error"}</c> for a request that cannot mean anything
/// (unknown track, action, key or value), 404 <c>{"error"}</c> for an unknown competition or round where the endpoint reads
/// it, 409 <c>{"error"}</c> for an action the state does not allow (the service's message as the page shows it, in the session's
/// language: Chinese unless the session chose English).</item>
/// <item>Enumerations are strings (their English names, case-insensitive on input).</item>
/// </list>
/// </summary>
public static class OrganiserApi
{
    /// <summary>A refusal: <c>{"error": "…"}</c>, the message in Chinese as the page shows it.</summary>
    /// <param name="Error">Why the request was refused.</param>
    public sealed record ApiError(string Error);

    /// <summary>A plain success: <c>{"message": "…"}</c> (Chinese, as the page's snackbar).</summary>
    /// <param name="Message">What was done.</param>
    public sealed record ApiMessage(string Message);

    /// <summary>
    /// Requires <paramref name="role"/> (organiser by default) and the same-origin check for the group's endpoints; tags them for
    /// the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder RequireStaff(this RouteGroupBuilder group, string tag, string role = Roles.Organiser)
    {
        group.RequireAuthorization(p => p.RequireRole(role)).WithTags(tag)
            .AddEndpointFilter(async (context, next) =>
                HttpMethods.IsGet(context.HttpContext.Request.Method) || SameOrigin.Allows(context.HttpContext.Request)
                    ? await next(context)
                    : Results.Json(new ApiError("请从组织者页面操作"), statusCode: StatusCodes.Status403Forbidden));
        return group;
    }

    /// <summary>Declares the refusals of a state-changing endpoint (400, 403, 404, 409 with <see cref="ApiError"/>; 401).</summary>
    public static RouteHandlerBuilder ProducesRefusals(this RouteHandlerBuilder builder) =>
        builder.Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict);

    /// <summary>The audit log's actor for the signed-in organiser: <c>组织者 {name}</c>, as the pages write it.</summary>
    public static string Actor(HttpContext http) => $"组织者 {http.User.Identity?.Name}";

    /// <summary>400 <c>{"error"}</c>.</summary>
    public static IResult BadRequest(string error) => Results.BadRequest(new ApiError(error));

    /// <summary>404 <c>{"error"}</c>.</summary>
    public static IResult NotFound(string error) => Results.NotFound(new ApiError(error));

    /// <summary>409 <c>{"error"}</c>.</summary>
    public static IResult Conflict(string error) => Results.Conflict(new ApiError(error));

    /// <summary>200 <c>{"message": <paramref name="done"/>}</c> when <paramref name="error"/> is null, else 409 <c>{"error"}</c>.</summary>
    public static IResult Outcome(string? error, string done) => error is null ? Results.Ok(new ApiMessage(done)) : Conflict(error);

    /// <summary>Parses an enumeration's English name (case-insensitive); null for anything else, numbers included.</summary>
    public static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        text is not null && !text.Any(char.IsDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : null;
}
