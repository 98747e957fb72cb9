namespace Judging.App.Films;

using Judging.App.Uploads;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Film media (issue 4, "Films"): the <c>FilmAssets</c> table, the film folder, poster frames, the seeded videos and
/// the endpoints (<see cref="FilmEndpoints"/>), wired into the app by one call each. Settings: <see cref="FilmOptions"/>
/// (<c>Judging:Films</c>). The organiser's page is <c>/organiser/films/{competitionId}</c> (<c>Organiser/FilmUpload.razor</c>).
/// </summary>
public static class FilmsModule
{
    /// <summary>Adds the <c>FilmAssets</c> table (one row per film entry with a video) to the model.</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<FilmAsset>(e =>
        {
            e.ToTable("FilmAssets");
            e.HasIndex(x => x.EntryId).IsUnique();
            e.Property(x => x.StoredFileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.PosterFileName).HasMaxLength(200);
            e.Property(x => x.UploadedBy).HasMaxLength(200);
        });
    }

    /// <summary>Registers the film store (folder resolved against <paramref name="root"/>), library, seeder and poster worker.</summary>
    public static IServiceCollection AddFilms(this IServiceCollection services, string root)
    {
        services.AddOptions<FilmOptions>().BindConfiguration(FilmOptions.Section)
            .Validate(o => o.MaxBytes > 0 && o.PosterTimeoutSeconds > 0, "Judging:Films is invalid (MaxBytes and PosterTimeoutSeconds must be positive)").ValidateOnStart();
        services.AddSingleton(sp => new FilmStore(root, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FilmOptions>>()));
        services.AddSingleton<PosterMaker>();
        services.AddHostedService(sp => sp.GetRequiredService<PosterMaker>());
        services.AddScoped<FilmLibrary>();
        services.AddScoped<IFilmList>(sp => sp.GetRequiredService<FilmLibrary>());
        services.AddSingleton<FilmTexts>();
        services.AddScoped<FilmSeeder>();
        services.AddUploadTarget<FilmUploadTarget>(FilmUploadTarget.Name);
        return services;
    }

    /// <summary>Maps the upload and media endpoints (<see cref="FilmEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapFilms(this IEndpointRouteBuilder app) => app.MapFilmEndpoints();
}
