namespace Judging.App.Programmes;

/// <summary>The applicant's and nominator's endpoints (issue 13).</summary>
public static class ProgrammeApplicantEndpoints
{
    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeApplicantEndpoints(this IEndpointRouteBuilder app) => app;
}
