namespace Judging.App.Finalists;

using Microsoft.EntityFrameworkCore;

/// <summary>Finalist selection (入围决赛): its tables, wired into the model by one call.</summary>
public static class FinalistsModule
{
    /// <summary>Adds the finalist tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
    }
}
