namespace Judging.App.Programmes;

/// <summary>The organiser's endpoints of the programmes (issue 13).</summary>
public static class ProgrammeOrganiserEndpoints
{
    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeOrganiserEndpoints(this IEndpointRouteBuilder app) => app;
}
