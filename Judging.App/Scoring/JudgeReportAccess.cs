namespace Judging.App.Scoring;

using Judging.App.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

/// <summary>
/// Who reads a round's judge report (issue 14, §1): the policy <see cref="Policy"/> — the organiser, and a chief judge whose
/// panel judges the round (<see cref="JudgeReportService.MayReadAsync"/>). Anyone else gets the normal answers: the sign-in page
/// when signed out, /denied when signed in. The round is the route value <c>roundId</c>, read from the request (the page's
/// first render, the PDF) or from the route data (the page in its circuit).
/// </summary>
public static class JudgeReportAccess
{
    /// <summary>The policy's name.</summary>
    public const string Policy = "JudgeReport";

    /// <summary>Adds the policy: signed in as organiser or chief judge, and <see cref="Requirement"/> met.</summary>
    public static IServiceCollection AddJudgeReportAccess(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole(Roles.Organiser, Roles.ChiefJudge).AddRequirements(new Requirement()));
        services.AddSingleton<IAuthorizationHandler, Handler>();
        return services;
    }

    /// <summary>The reader may read the report of the round in the route.</summary>
    public sealed class Requirement : IAuthorizationRequirement;

    private sealed class Handler(IServiceScopeFactory scopes) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var raw = context.Resource switch
            {
                HttpContext http => http.GetRouteValue("roundId"),
                RouteData route => route.RouteValues.FirstOrDefault(v => string.Equals(v.Key, "roundId", StringComparison.OrdinalIgnoreCase)).Value,
                _ => null,
            };
            if (!int.TryParse(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture), out var roundId)) return;
            using var scope = scopes.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<JudgeReportService>().MayReadAsync(context.User, roundId, default))
                context.Succeed(requirement);
        }
    }
}
