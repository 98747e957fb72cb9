namespace Judging.App.Uploads;

/// <summary>
/// Resumable uploads (issue 15, "Large files survive a bad connection"): a tus 1.0 server (<see cref="TusEndpoints"/>) on
/// the folder <see cref="UploadStore"/>, the sweeper of abandoned uploads (<see cref="UploadSweeper"/>), and the targets
/// (<see cref="IUploadTarget"/>) features register with <see cref="AddUploadTarget{T}"/>. Settings: <see cref="UploadOptions"/>
/// (<c>Judging:Uploads</c>). Pages upload with tus-js-client (<c>wwwroot/lib/tus/</c>).
/// </summary>
public static class UploadsModule
{
    /// <summary>Registers the options, the store, the texts and the sweeper.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.ExpiryHours > 0 && o.SweepMinutes > 0 && o.MaxBytes > 0 && o.ChunkBytes > 0,
                "Judging:Uploads is invalid (ExpiryHours, SweepMinutes, MaxBytes and ChunkBytes must be positive)").ValidateOnStart();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadTexts>();
        services.AddSingleton<UploadSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadSweeper>());
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> (scoped) as the upload target named <paramref name="name"/>: an upload whose
    /// metadata says <c>target=<paramref name="name"/></c> goes to it. Call it from the feature's own <c>AddX()</c>.
    /// </summary>
    public static IServiceCollection AddUploadTarget<T>(this IServiceCollection services, string name) where T : class, IUploadTarget
    {
        services.AddKeyedScoped<IUploadTarget, T>(name);
        return services;
    }

    /// <summary>Maps the tus endpoints under <c>/api/uploads</c>.</summary>
    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder app) => app.MapTusEndpoints();
}
