namespace Judging.App.Finalists;

using Judging.App.ResultsEngine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>Finalist selection (入围决赛): its tables, wired into the model by one call.</summary>
public static class FinalistsModule
{
    /// <summary>Adds the finalist tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<TrackSettings>().HasIndex(x => new { x.CompetitionId, x.Track }).IsUnique();
        b.Entity<TrackSettings>().Property(x => x.Version).IsConcurrencyToken();
        b.Entity<ResultDecision>().HasIndex(x => new { x.CompetitionId, x.Track, x.Kind, x.Key });
        b.Entity<ResultDecision>().Property(x => x.Key).HasMaxLength(64);
        b.Entity<ResultDecision>().Property(x => x.Value).HasMaxLength(32);
    }

    /// <summary>
    /// Registers the results engine (<see cref="TrackResultsService"/>) and, unless the film vote registered its counts,
    /// <see cref="NoPublicVotes"/>.
    /// </summary>
    public static IServiceCollection AddFinalists(this IServiceCollection services)
    {
        services.AddScoped<TrackResultsService>();
        services.TryAddSingleton<FilmVoting.IFilmVoteCounts, NoPublicVotes>();
        return services;
    }

    /// <summary>The finalist page's actions as JSON (<see cref="FinalistsApi"/>).</summary>
    public static IEndpointRouteBuilder MapFinalists(this IEndpointRouteBuilder app)
    {
        app.MapFinalistsApi();
        return app;
    }
}
