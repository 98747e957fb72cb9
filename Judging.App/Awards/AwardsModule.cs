namespace Judging.App.Awards;

using Microsoft.EntityFrameworkCore;

/// <summary>Award tiers, reveal, publication and the audit packet: their tables, wired into the model by one call.</summary>
public static class AwardsModule
{
    /// <summary>Adds the award tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
    }

    /// <summary>Registers <see cref="AwardsService"/>, <see cref="ResultsExport"/> and the reveal broadcaster.</summary>
    public static IServiceCollection AddAwards(this IServiceCollection services)
    {
        services.AddScoped<AwardsService>();
        services.AddScoped<ResultsExport>();
        services.AddHostedService<RevealBroadcaster>();
        return services;
    }

    /// <summary>
    /// The results endpoints and the reveal hub (<see cref="ResultsEndpoints.MapResultsEndpoints"/>), and the award page's
    /// actions as JSON (<see cref="AwardsApi.MapAwardsApi"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapAwards(this IEndpointRouteBuilder app)
    {
        app.MapResultsEndpoints();
        app.MapAwardsApi();
        return app;
    }
}
