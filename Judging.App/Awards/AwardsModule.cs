namespace Judging.App.Awards;

using Microsoft.EntityFrameworkCore;

/// <summary>Award tiers, reveal, publication and the audit packet: their tables, wired into the model by one call.</summary>
public static class AwardsModule
{
    /// <summary>Adds the award tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
    }
}
