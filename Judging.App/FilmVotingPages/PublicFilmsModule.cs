namespace Judging.App.FilmVotingPages;

using Judging.App.Components.Pages.Films;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// The public side of the online film vote (网络投票, issue 4 "Public voting"), wired into the app by one call each:
/// <list type="bullet">
/// <item><c>GET /films</c> (<c>?competitionId=</c>): the gallery, static server-rendered (<c>Films/FilmGallery.razor</c>).</item>
/// <item><c>GET /films/{entryId}</c>: the film page with player, count, vote button and the verification panel (<c>Films/FilmPage.razor</c>).</item>
/// <item><c>GET /api/films</c> (<c>?competitionId=</c>): <c>[{entryId, title, unit, videoUrl, posterUrl, acceptedVotes}]</c>.</item>
/// <item><c>GET /api/films/live?competitionId=N</c>: server-sent events (<see cref="FilmCountBroadcaster"/>).</item>
/// </list>
/// The pages are rendered with <see cref="RazorComponentResult{TComponent}"/> and carry their own small document
/// (no MudBlazor, no blazor.web.js): a phone on 4G loads a few kilobytes, and no voter holds a circuit. Voting itself
/// is voting-core's JSON API, called by <c>wwwroot/js/films.js</c>.
/// </summary>
public static class PublicFilmsModule
{
    /// <summary>A film in <c>GET /api/films</c>; <c>acceptedVotes</c> is the public count (votes, not held or excluded).</summary>
    public sealed record FilmDto(int EntryId, string Title, string Unit, string VideoUrl, string PosterUrl, long AcceptedVotes);

    /// <summary>Registers <see cref="PublicFilmsOptions"/> (<c>Judging:PublicFilms</c>), the catalog and the live broadcaster.</summary>
    public static IServiceCollection AddPublicFilms(this IServiceCollection services)
    {
        services.AddOptions<PublicFilmsOptions>().BindConfiguration(PublicFilmsOptions.Section)
            .Validate(o => o.CoalesceMilliseconds >= 0 && o.HeartbeatSeconds > 0 && o.ClientQueue > 0 && o.CatalogCacheSeconds >= 0, "Judging:PublicFilms is invalid")
            .ValidateOnStart();
        services.AddSingleton<PublicFilmCatalog>();
        services.AddSingleton<PublicFilmTexts>();
        services.AddHttpContextAccessor(); // the public pages' links keep ?culture= (PublicCulture)
        services.AddSingleton<FilmCountBroadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<FilmCountBroadcaster>());
        return services;
    }

    /// <summary>Maps the public pages, <c>GET /api/films</c> and the live stream.</summary>
    public static IEndpointRouteBuilder MapPublicFilms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/films", async (int? competitionId, HttpContext http, PublicFilmCatalog catalog, PublicFilmTexts texts, CancellationToken ct) =>
        {
            NoStore(http);
            var id = competitionId ?? await catalog.CurrentCompetitionIdAsync(ct);
            var list = id is { } i ? await catalog.FilmsAsync(i, ct) : null;
            if (list is null)
                return Page<FilmMissing>(new { Message = id is null ? texts.NoCompetitionRunning : texts.NoSuchCompetition }, StatusCodes.Status404NotFound);
            var counts = await catalog.CountsAsync(list.CompetitionId, ct);
            return Page<FilmGallery>(new { List = list, Counts = counts });
        }).ExcludeFromDescription();

        app.MapGet("/films/{entryId:int}", async (int entryId, HttpContext http, PublicFilmCatalog catalog, PublicFilmTexts texts, CancellationToken ct) =>
        {
            NoStore(http);
            if (await catalog.FilmAsync(entryId, ct) is not { } found)
                return Page<FilmMissing>(new { Message = texts.NoSuchFilm }, StatusCodes.Status404NotFound);
            var counts = await catalog.CountsAsync(found.Film.CompetitionId, ct);
            return Page<FilmPage>(new { Film = found.Film, CompetitionName = found.CompetitionName, Count = counts.GetValueOrDefault(entryId) });
        }).ExcludeFromDescription();

        app.MapGet("/api/films", async (int? competitionId, HttpContext http, PublicFilmCatalog catalog, PublicFilmTexts texts, CancellationToken ct) =>
        {
            NoStore(http);
            var id = competitionId ?? await catalog.CurrentCompetitionIdAsync(ct);
            if (id is null) return Results.Ok(Array.Empty<FilmDto>());
            if (await catalog.FilmsAsync(id.Value, ct) is not { } list) return Results.NotFound(new { error = texts.CompetitionMissing });
            var counts = await catalog.CountsAsync(list.CompetitionId, ct);
            return Results.Ok(list.Films.Select(f => new FilmDto(f.EntryId, f.Title, f.Unit, f.VideoUrl, f.PosterUrl, counts.GetValueOrDefault(f.EntryId))));
        });

        app.MapGet("/api/films/live", async (int? competitionId, HttpContext http, PublicFilmCatalog catalog, FilmCountBroadcaster live, PublicFilmTexts texts, CancellationToken ct) =>
        {
            var id = competitionId ?? await catalog.CurrentCompetitionIdAsync(ct);
            if (id is null || await catalog.FilmsAsync(id.Value, ct) is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.Response.WriteAsJsonAsync(new { error = texts.CompetitionMissing }, ct);
                return;
            }
            await live.StreamAsync(http, id.Value, ct);
        });
        return app;
    }

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-cache";

    private static IResult Page<T>(object parameters, int status = StatusCodes.Status200OK) where T : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<T>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}

/// <summary>Settings of the public film pages, section <c>Judging:PublicFilms</c> of <c>appsettings.json</c>.</summary>
public sealed class PublicFilmsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Judging:PublicFilms";

    /// <summary>At most one live update per film per this many milliseconds (default 1000, issue 4), and always one after the last change.</summary>
    public int CoalesceMilliseconds { get; set; } = 1000;

    /// <summary>Seconds between heartbeat comments on each live stream (default 15).</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Events queued per live stream before the oldest is dropped and a snapshot replaces them (default 64).</summary>
    public int ClientQueue { get; set; } = 64;

    /// <summary>Seconds the film list of a competition is kept in memory (default 10; counts are never cached here).</summary>
    public int CatalogCacheSeconds { get; set; } = 10;
}
