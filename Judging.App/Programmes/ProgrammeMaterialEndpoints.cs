namespace Judging.App.Programmes;

/// <summary>The materials' endpoints: uploads of the checklist's items and the generated forms (issue 13).</summary>
public static class ProgrammeMaterialEndpoints
{
    /// <summary>Maps them.</summary>
    public static IEndpointRouteBuilder MapProgrammeMaterialEndpoints(this IEndpointRouteBuilder app) => app;
}
