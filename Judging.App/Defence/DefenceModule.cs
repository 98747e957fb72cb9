namespace Judging.App.Defence;

/// <summary>Defences (答辩): the schedule of the case final.</summary>
public static class DefenceModule
{
    /// <summary>Registers <see cref="DefenceService"/>.</summary>
    public static IServiceCollection AddDefence(this IServiceCollection services)
    {
        services.AddScoped<DefenceService>();
        return services;
    }
}
