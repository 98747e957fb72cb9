namespace Judging.App.Finalists;

using Microsoft.EntityFrameworkCore;

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
}
