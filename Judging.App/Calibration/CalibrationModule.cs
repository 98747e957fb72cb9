namespace Judging.App.Calibration;

using Judging.App.Accounts;
using Judging.App.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Calibration before a live round (issue 14, §1, first bullet), wired in by <see cref="ConfigureModel"/>,
/// <see cref="AddCalibration"/> and <see cref="MapCalibration"/>: the organiser's samples (round console), the judges' trial
/// cards (score pad, marked 试评（不计分）) and the chief judge's spread page <c>/chief/calibration</c>.
/// </summary>
public static class CalibrationModule
{
    /// <summary>Adds CalibrationSamples (unique round + position) and CalibrationCards (unique key; unique sample + judge).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<CalibrationSample>(e =>
        {
            e.ToTable("CalibrationSamples");
            e.HasIndex(x => new { x.RoundId, x.Position }).IsUnique();
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
        });
        b.Entity<CalibrationCard>(e =>
        {
            e.ToTable("CalibrationCards");
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.SampleId, x.JudgeId }).IsUnique();
            e.Property(x => x.IdempotencyKey).HasMaxLength(64);
            e.Property(x => x.Points).HasMaxLength(400);
            e.Property(x => x.Total).HasPrecision(9, 2);
        });
    }

    /// <summary>Registers <see cref="CalibrationService"/> (scoped).</summary>
    public static IServiceCollection AddCalibration(this IServiceCollection services)
    {
        services.AddScoped<CalibrationService>();
        return services;
    }

    /// <summary>
    /// <c>POST /api/calibration/cards</c>, a judge's trial card (<see cref="TrialSubmission"/>, judges only), answered as
    /// <c>POST /api/scores</c> is: 200 <c>{status, recordId, total}</c> when stored (or stored before under the same key),
    /// 409 <c>{status, error}</c> when refused (the service's message), 503 when not stored (retry with the same key).
    /// </summary>
    public static IEndpointRouteBuilder MapCalibration(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/calibration/cards", async (TrialSubmission body, HttpContext http, CalibrationService calibration, CancellationToken ct) =>
        {
            if (http.User.JudgeId() is not { } judgeId) return Results.Unauthorized();
            return (await calibration.SubmitTrialAsync(judgeId, body.SampleId, body.Points, body.IdempotencyKey, ct)).ToHttpResult();
        }).RequireAuthorization(p => p.RequireRole(Roles.Judge));
        return app;
    }
}

/// <summary>A trial card as <c>POST /api/calibration/cards</c> takes it.</summary>
/// <param name="SampleId">The calibration sample.</param>
/// <param name="Points">Points per criterion of the round's sheet, in sheet order (points).</param>
/// <param name="IdempotencyKey">Chosen by the client when the draft starts; 8–64 characters.</param>
public sealed record TrialSubmission(int SampleId, IReadOnlyList<decimal?> Points, string IdempotencyKey);
