namespace Judging.App.Cluster;

using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Several app instances behind a load balancer (issue 11): the single-writer election (<see cref="LeaderElection"/>) and
/// the lease table. Live events between instances are <see cref="LiveEventsModule"/>'s.
/// </summary>
public static class ClusterModule
{
    /// <summary>Registers <see cref="InstanceOptions"/> (<c>Judging:Instance</c>) and the election (a hosted service).</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddOptions<InstanceOptions>().BindConfiguration(InstanceOptions.Section);
        services.AddSingleton<LeaderElection>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElection>());
        return services;
    }

    /// <summary>Adds the lease table to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<InstanceLease>(e =>
        {
            e.ToTable("InstanceLeases");
            e.HasKey(x => x.Role);
            e.Property(x => x.Role).HasMaxLength(40);
            e.Property(x => x.Url).HasMaxLength(300);
            e.Property(x => x.Instance).HasMaxLength(40);
        });
    }
}
