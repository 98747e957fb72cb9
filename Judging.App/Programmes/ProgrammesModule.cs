namespace Judging.App.Programmes;

using Microsoft.EntityFrameworkCore;

/// <summary>
/// The city's other award programmes (issue 13, seeds 001–004), wired in by <see cref="ConfigureModel"/>,
/// <see cref="AddProgrammes"/> and <see cref="MapProgrammes"/>: programmes as data, applications and nominations with their
/// eligibility, materials, caps and windows (<see cref="ProgrammeService"/>), loaded from <c>seeds/programmes/</c> on first run
/// (<see cref="ProgrammeSeeder"/>).
/// </summary>
public static class ProgrammesModule
{
    /// <summary>The tables of programmes, applications, past winners, materials and the working-day calendar.</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<Programme>(e =>
        {
            e.ToTable("Programmes");
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<ProgrammeApplication>(e =>
        {
            e.ToTable("ProgrammeApplications");
            e.HasIndex(x => new { x.ProgrammeId, x.Reference }).IsUnique();
            e.HasIndex(x => x.OwnerMobile);
            e.Property(x => x.Reference).HasMaxLength(20);
            e.Property(x => x.CategoryCode).HasMaxLength(64);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Applicant).HasMaxLength(200);
            e.Property(x => x.OwnerMobile).HasMaxLength(11);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.AdmittedBy).HasMaxLength(200);
            e.Property(x => x.AdmissionReason).HasMaxLength(500);
            e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId);
        });
        b.Entity<ProgrammePastWinner>(e =>
        {
            e.ToTable("ProgrammePastWinners");
            e.HasIndex(x => new { x.ProgrammeId, x.Name });
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(200);
            e.Property(x => x.Award).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId);
        });
        b.Entity<WorkingCalendarDay>(e =>
        {
            e.ToTable("WorkingCalendarDays");
            e.HasKey(x => x.Date);
            e.Property(x => x.Holiday).HasMaxLength(20);
        });
        b.Entity<ProgrammeReviewRecord>(e =>
        {
            e.ToTable("ProgrammeReviewRecords");
            e.HasIndex(x => x.ApplicationId);
            e.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Reasons).HasMaxLength(2000);
            e.Property(x => x.OverrideReason).HasMaxLength(500);
            e.Property(x => x.Ticks).HasMaxLength(500);
            e.Property(x => x.FailedItems).HasMaxLength(500);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        b.Entity<ProgrammeMaterialFile>(e =>
        {
            e.ToTable("ProgrammeMaterialFiles");
            e.HasIndex(x => new { x.ApplicationId, x.MaterialCode });
            e.Property(x => x.MaterialCode).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.Format).HasMaxLength(8);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoredName).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(200);
            e.HasOne<ProgrammeApplication>().WithMany().HasForeignKey(x => x.ApplicationId);
        });
        Stages.ProgrammeStagesModel.Configure(b);
    }

    /// <summary>Registers <see cref="ProgrammeService"/> and <see cref="WorkingCalendarService"/>.</summary>
    public static IServiceCollection AddProgrammes(this IServiceCollection services)
    {
        services.AddScoped<ProgrammeService>();
        services.AddScoped<ProgrammeFormalReview>();
        services.AddScoped<ProgrammePastWinners>();
        services.AddScoped<ProgrammeMaterials>();
        services.AddScoped<WorkingCalendarService>();
        services.AddScoped<Stages.ProgrammeStandings>();
        services.AddScoped<Stages.ProgrammeStageFiles>();
        services.AddScoped<Review.ProgrammeReviewService>();
        services.AddScoped<Stages.ProgrammeVerification>();
        services.AddScoped<Stages.ProgrammeObjections>();
        services.AddSingleton<Stages.ObjectionCodes>();
        Stages.ProgrammeObjectionEndpoints.AddObjectionLimits(services);
        services.AddScoped<Stages.ProgrammeApprovals>();
        services.AddMemoryCache(); // the public 公示 page (Stages.ProgrammeNoticeEndpoints)
        services.AddScoped<Stages.ProgrammeNotices>();
        return services;
    }

    /// <summary>The programme endpoints: the applicant's (<see cref="ProgrammeApplicantEndpoints"/>), the materials'
    /// (<see cref="ProgrammeMaterialEndpoints"/>) and the organiser's (<see cref="ProgrammeOrganiserEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapProgrammes(this IEndpointRouteBuilder app)
    {
        app.MapProgrammeApplicantEndpoints();
        app.MapProgrammeMaterialEndpoints();
        app.MapProgrammeOrganiserEndpoints();
        app.MapProgrammePastWinnerEndpoints();
        Stages.ProgrammeStageFileEndpoints.MapProgrammeStageFileEndpoints(app);
        Stages.ProgrammeVerificationEndpoints.MapProgrammeVerificationEndpoints(app);
        Stages.ProgrammeObjectionEndpoints.MapProgrammeObjectionEndpoints(app);
        Stages.ProgrammeApprovalEndpoints.MapProgrammeApprovalEndpoints(app);
        Stages.ProgrammeNoticeEndpoints.MapProgrammeNoticeEndpoints(app);
        return app;
    }
}
