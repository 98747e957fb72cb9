namespace Judging.App.Programmes.Stages;

using Judging.App.Accounts;

/// <summary>
/// <c>GET /api/programme-stage-files/{fileId}</c>: a file recorded at a stage after intake (<see cref="ProgrammeStageFiles"/>:
/// site visit, credit record, objection evidence, applicant's reply), for organisers only; 404 when unknown.
/// </summary>
public static class ProgrammeStageFileEndpoints
{
    /// <summary>Maps it.</summary>
    public static IEndpointRouteBuilder MapProgrammeStageFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/programme-stage-files/{fileId:long}", async (long fileId, HttpContext http, ProgrammeStageFiles files, CancellationToken ct) =>
        {
            if (await files.ReadAsync(fileId, ct) is not { } file || !File.Exists(file.Path)) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Path, file.ContentType, fileDownloadName: file.DownloadName);
        }).RequireAuthorization(p => p.RequireRole(Roles.Organiser));
        return app;
    }
}
