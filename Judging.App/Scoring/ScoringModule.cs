namespace Judging.App.Scoring;

using Judging.Domain.Scoring;

/// <summary>Scoring: the rules' parameters (<see cref="ScoringOptions"/>), the one score writer and the scoring service.</summary>
public static class ScoringModule
{
    /// <summary>
    /// <see cref="ScoringOptions"/> from <c>Judging:Scoring</c> (validated at start), <see cref="ScoreWriter"/> (one writer,
    /// a hosted service) and <see cref="ScoringService"/>.
    /// </summary>
    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddOptions<ScoringOptions>().BindConfiguration("Judging:Scoring")
            // Binding appends a configured list to the default one ("Median, Criterion1, Median, Criterion1"): replace it.
            .PostConfigure<IConfiguration>((o, config) =>
            {
                if (config.GetSection("Judging:Scoring:TieBreaks").Get<List<string>>() is { Count: > 0 } t) o.TieBreaks = t;
            })
            .Validate(o => o.Validate().Count == 0, "Judging:Scoring is invalid (see ScoringOptions.Validate)").ValidateOnStart();
        services.AddSingleton<ScoreWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoreWriter>());
        services.AddScoped<ScoringService>();
        return services;
    }
}
