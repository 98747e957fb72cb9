namespace Judging.App.LiveRounds;

/// <summary>Settings of the live leaderboard (<c>Judging:Leaderboard</c>).</summary>
public sealed class LeaderboardOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Judging:Leaderboard";

    /// <summary>At most one recomputation per round per this many milliseconds (default 100); one always follows the last event.</summary>
    public int CoalesceMilliseconds { get; set; } = 100;
}

/// <summary>
/// Live rounds: the leaderboard and its hub at <c>/hubs/leaderboard</c>, the round console. The live events they
/// follow are added by <see cref="LiveEventsModule.AddLiveEvents"/> (every feature uses them).
/// </summary>
public static class LiveRoundsModule
{
    /// <summary><see cref="LeaderboardService"/>, <see cref="RoundConsole"/>, the broadcaster, SignalR.</summary>
    public static IServiceCollection AddLiveRounds(this IServiceCollection services)
    {
        services.AddOptions<LeaderboardOptions>().BindConfiguration(LeaderboardOptions.Section)
            .Validate(o => o.CoalesceMilliseconds >= 0, "Judging:Leaderboard:CoalesceMilliseconds must be 0 or more").ValidateOnStart();
        services.AddScoped<LeaderboardService>();
        services.AddScoped<RoundConsole>();
        services.AddSingleton<RoundDirectory>();
        services.AddHostedService<LeaderboardBroadcaster>();
        services.AddSignalR();
        return services;
    }

    /// <summary>The leaderboard hub at <c>/hubs/leaderboard</c> and the running-order endpoints (<see cref="RunningOrderApi"/>).</summary>
    public static IEndpointRouteBuilder MapLiveRounds(this IEndpointRouteBuilder app)
    {
        app.MapHub<LeaderboardHub>("/hubs/leaderboard");
        app.MapLiveRoundsApi();
        app.MapRunningOrderApi();
        return app;
    }
}
