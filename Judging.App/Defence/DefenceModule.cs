namespace Judging.App.Defence;

/// <summary>Defences (答辩): the schedule of the case final, wired in by <see cref="AddDefence"/> and <see cref="MapDefence"/>.</summary>
public static class DefenceModule
{
    /// <summary>Registers <see cref="DefenceService"/> (also as <see cref="IDefenceSchedule"/>).</summary>
    public static IServiceCollection AddDefence(this IServiceCollection services)
    {
        services.AddScoped<DefenceService>();
        services.AddScoped<IDefenceSchedule>(sp => sp.GetRequiredService<DefenceService>());
        return services;
    }

    /// <summary>Maps the schedule's JSON actions (<see cref="DefenceEndpoints"/>); the page is <c>Organiser/Defence.razor</c>.</summary>
    public static IEndpointRouteBuilder MapDefence(this IEndpointRouteBuilder app)
    {
        app.MapDefenceEndpoints();
        return app;
    }
}
