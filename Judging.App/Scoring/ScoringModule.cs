namespace Judging.App.Scoring;

using Judging.App.Accounts;
using Judging.Domain.Scoring;

/// <summary>Scoring: the rules' parameters (<see cref="ScoringOptions"/>), the one score writer and the scoring service.</summary>
public static class ScoringModule
{
    /// <summary>
    /// <see cref="ScoringOptions"/> from <c>Judging:Scoring</c> (validated at start), <see cref="ScoreWriter"/> (one writer,
    /// a hosted service) and <see cref="ScoringService"/>.
    /// </summary>
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddOptions<ScoringOptions>().BindConfiguration("Judging:Scoring")
            // Binding appends a configured list to the default one ("Median, Criterion1, Median, Criterion1"): replace it.
            .PostConfigure<IConfiguration>((o, config) =>
            {
                if (config.GetSection("Judging:Scoring:TieBreaks").Get<List<string>>() is { Count: > 0 } t) o.TieBreaks = t;
            })
            .Validate(o => o.Validate().Count == 0, "Judging:Scoring is invalid (see ScoringOptions.Validate)").ValidateOnStart();
        services.AddSingleton<ScoreWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoreWriter>());
        services.AddScoped<ScoringService>();
        services.AddScoped<JudgeReportService>();
        services.AddJudgeReportAccess();
        return services;
    }

    /// <summary>
    /// <c>GET /rounds/{roundId}/judge-report.pdf</c> (issue 14, §1): the judge report as a PDF for the organiser and a chief judge
    /// of the round (<see cref="JudgeReportAccess"/>; anyone else: the sign-in page or /denied); 404 for no such round; 503 with a text saying which font package
    /// to install when no CJK font is found (<see cref="Hosting.CjkFonts.FontPaths"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapJudgeReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rounds/{roundId:int}/judge-report.pdf", async (int roundId, HttpContext http, JudgeReportService reports, TimeProvider clock, CancellationToken ct) =>
        {
            if (await reports.LoadAsync(roundId, ct) is not { } view) return Results.NotFound();
            if (!Hosting.CjkFonts.Available) return Results.Text(reports.FontMissing, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            return Results.File(JudgeReportPdf.Render(reports.Table(view), clock.GetUtcNow(), reports.GeneratedLabel), "application/pdf", $"judge-report-round-{roundId}.pdf");
        }).RequireAuthorization(JudgeReportAccess.Policy);
        return app;
    }

    /// <summary>
    /// <c>POST /api/scores</c>, a judge's card (<see cref="ScoreSubmission"/>, judges only): the judge page's retry path and
    /// the benchmark use it. 200 <c>{status, recordId, total}</c> when stored (or stored before under the same idempotency
    /// key), 409 <c>{status, error}</c> when refused (the service's message), 503 when not stored (retry with the same key).
    /// </summary>
    public static IEndpointRouteBuilder MapScoring(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // A judge's card; the judge page's retry path and the benchmark use it. 200 when stored (or stored
        // before under the same key), 409 with a Chinese message when refused, 503 when not stored (retry).
        api.MapPost("/scores", async (ScoreSubmission body, HttpContext http, ScoringService scoring, CancellationToken ct) =>
        {
            if (http.User.JudgeId() is not { } judgeId) return Results.Unauthorized();
            return (await scoring.SubmitAsync(judgeId, body, ct)).ToHttpResult();
        }).RequireAuthorization(p => p.RequireRole(Roles.Judge));
        return app;
    }

    /// <summary>
    /// The HTTP answer to a card submission (a real card or a trial card): 200 <c>{status, recordId, total}</c> when stored now or
    /// before under the same key, 503 <c>{status, error}</c> when not stored (the client retries with the same key), 409
    /// <c>{status, error}</c> when refused.
    /// </summary>
    public static IResult ToHttpResult(this SubmitResult result) => result.Status switch
    {
        SubmitStatus.Stored or SubmitStatus.AlreadyStored => Results.Ok(new { status = result.Status.ToString(), recordId = result.RecordId, total = result.Total }),
        SubmitStatus.Failed => Results.Json(new { status = result.Status.ToString(), error = result.Message }, statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => Results.Conflict(new { status = result.Status.ToString(), error = result.Message }),
    };
}
