namespace Judging.App.Cases;

using Judging.Domain.Cases;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Innovation-case submissions, documents and formal review (形式审查; issue 5 "Intake"; seed 000 四、4), wired in by
/// one call each (<see cref="ConfigureModel"/>, <see cref="AddCases"/>, <see cref="MapCases"/>, <see cref="SeedCasesAsync"/>).
/// <list type="bullet">
/// <item><c>/organiser/formal-review/{competitionId}</c>: the staff queue (<c>Organiser/FormalReview.razor</c>);
/// <c>/organiser/formal-review/{competitionId}/links</c>: printable submission links (<c>FormalReviewLinks.razor</c>).</item>
/// <item><c>/submit/{token}</c>: the unit's page (<c>Cases/Submit.razor</c>); <c>POST /submit/{token}/upload</c>.</item>
/// <item><c>/cases/{entryId}/document</c>: the viewer (<c>Cases/CaseDocumentViewer.razor</c>); <c>GET /cases/{entryId}/file</c>.</item>
/// </list>
/// Configuration: <c>Judging:Cases:Path</c> (documents folder), <c>Judging:Cases:SeedsPath</c> (<see cref="CaseOptions"/>).
/// </summary>
public static class CasesModule
{
    /// <summary>Adds CaseDocuments, FormalReviewRecords, CaseIntakeSettings and SubmissionLinks to the model.</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<CaseDocument>(e =>
        {
            e.ToTable("CaseDocuments");
            e.HasIndex(x => new { x.EntryId, x.Version }).IsUnique();
            e.Property(x => x.OriginalFileName).HasMaxLength(255);
            e.Property(x => x.StoredName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedBy).HasMaxLength(200);
        });
        b.Entity<FormalReviewRecord>(e =>
        {
            e.ToTable("FormalReviewRecords");
            e.HasIndex(x => x.EntryId);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Reasons).HasMaxLength(4000);
            e.Property(x => x.OverrideReason).HasMaxLength(2000);
        });
        b.Entity<CaseIntakeSettings>(e =>
        {
            e.ToTable("CaseIntakeSettings");
            e.HasKey(x => x.CompetitionId);
            e.Property(x => x.UpdatedBy).HasMaxLength(200);
        });
        b.Entity<SubmissionLink>(e =>
        {
            e.ToTable("SubmissionLinks");
            e.HasKey(x => x.EntryId);
            e.HasIndex(x => x.Token).IsUnique();
            e.Property(x => x.Token).HasMaxLength(64);
        });
    }

    /// <summary>Registers options (<c>Judging:Cases</c>; paths resolved against <paramref name="root"/>), the store, services and the reader rule.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, string root)
    {
        services.AddOptions<CaseOptions>().BindConfiguration(CaseOptions.Section).PostConfigure<IConfiguration>((o, config) =>
        {
            // Under the storage folder (Judging:Storage:Path, else beside the SQLite file): each test's database has its own.
            if (string.IsNullOrWhiteSpace(o.Path)) o.Path = Path.Combine(Persistence.DatabaseSettings.From(config, root).StoragePath, "cases");
            if (!Path.IsPathRooted(o.Path)) o.Path = Path.Combine(root, o.Path);
            if (string.IsNullOrWhiteSpace(o.SeedsPath)) o.SeedsPath = Path.Combine(config["Judging:SeedsPath"] ?? "seeds", "cases");
            if (!Path.IsPathRooted(o.SeedsPath)) o.SeedsPath = Path.Combine(root, o.SeedsPath);
        });
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseUploadLimiter>();
        services.AddSingleton<SubmissionTexts>();
        services.AddScoped<CaseIntakeService>();
        services.AddScoped<IFormalReview>(sp => sp.GetRequiredService<CaseIntakeService>());
        services.AddScoped<CaseSeeder>();
        services.AddScoped<ICaseReaders, DefaultCaseReaders>();
        return services;
    }

    /// <summary>Maps the upload and file endpoints and the formal review's JSON actions (the pages are Razor components).</summary>
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        app.MapCaseEndpoints();
        app.MapFormalReviewEndpoints();
        return app;
    }

    /// <summary>Loads <c>seeds/cases</c> once, after the competition import (<see cref="CaseSeeder"/>).</summary>
    public static Task<int> SeedCasesAsync(IServiceProvider scoped, CancellationToken ct) =>
        scoped.GetRequiredService<CaseSeeder>().SeedAsync(ct);
}
