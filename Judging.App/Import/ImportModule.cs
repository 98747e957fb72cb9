namespace Judging.App.Import;

/// <summary>Import of a competition from CSV files (all or nothing, with a row-by-row report).</summary>
public static class ImportModule
{
    /// <summary>Registers <see cref="CompetitionImporter"/>.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<CompetitionImporter>();
        return services;
    }
}
