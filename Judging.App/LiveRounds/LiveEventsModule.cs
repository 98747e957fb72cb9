namespace Judging.App.LiveRounds;

using Judging.App.Persistence;

/// <summary>How live events travel (<c>Judging:LiveEvents</c>).</summary>
public sealed class LiveEventsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:LiveEvents";

    /// <summary>
    /// <c>Auto</c> (default: PostgreSQL <c>LISTEN/NOTIFY</c> when the database is PostgreSQL, in process on SQLite),
    /// <c>InProcess</c> (one instance), or <c>PostgreSQL</c>.
    /// </summary>
    public string Transport { get; set; } = "Auto";
}

/// <summary>The live events' front door: one <see cref="ILiveEvents"/> for the app, chosen from the settings.</summary>
public static class LiveEventsModule
{
    /// <summary>Registers <see cref="ILiveEvents"/>: <see cref="PostgresLiveEvents"/> (and its listening loop) or <see cref="InProcessLiveEvents"/>.</summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services)
    {
        services.AddOptions<LiveEventsOptions>().BindConfiguration(LiveEventsOptions.Section);
        services.AddSingleton<InProcessLiveEvents>();
        services.AddSingleton<PostgresLiveEvents>();
        services.AddSingleton<ILiveEvents>(sp => UsesPostgres(sp)
            ? sp.GetRequiredService<PostgresLiveEvents>()
            : sp.GetRequiredService<InProcessLiveEvents>());
        services.AddHostedService<PostgresListenerHost>();
        return services;
    }

    private static bool UsesPostgres(IServiceProvider sp)
    {
        var transport = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LiveEventsOptions>>().Value.Transport;
        if (transport.Equals("InProcess", StringComparison.OrdinalIgnoreCase)) return false;
        if (transport.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)) return true;
        return sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.PostgreSQL;
    }

    /// <summary>Runs <see cref="PostgresLiveEvents"/>' listening and sending loops when it is the app's <see cref="ILiveEvents"/>.</summary>
    private sealed class PostgresListenerHost(IServiceProvider sp) : IHostedService
    {
        private PostgresLiveEvents? running;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (sp.GetRequiredService<ILiveEvents>() is not PostgresLiveEvents pg) return Task.CompletedTask;
            running = pg;
            return pg.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => running?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
