namespace Judging.App.FilmVotingPages;

using Judging.App.Persistence;
using Judging.App.FilmVoting;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A micro-film as the public sees it (网络投票, issue 4): the entry, its unit and where its media are.
/// </summary>
/// <param name="EntryId">The entry's id.</param>
/// <param name="CompetitionId">The competition (大赛) it belongs to.</param>
/// <param name="Code">Entry number (作品编号), e.g. WDY-001.</param>
/// <param name="Title">Entry title (作品名称).</param>
/// <param name="Unit">Unit name (参赛单位).</param>
/// <param name="Presenter">Creator or team (主创).</param>
/// <param name="DurationMinutes">Length in minutes, if given.</param>
public sealed record FilmCard(int EntryId, int CompetitionId, string Code, string Title, string Unit, string Presenter, int? DurationMinutes)
{
    /// <summary>The player's source, <c>/media/films/{entryId}/video</c> (range requests; films-media).</summary>
    public string VideoUrl => $"/media/films/{EntryId}/video";

    /// <summary>The poster, <c>/media/films/{entryId}/poster</c> (JPEG, or an SVG placeholder; films-media).</summary>
    public string PosterUrl => $"/media/films/{EntryId}/poster";

    /// <summary>The public film page, <c>/films/{entryId}</c>.</summary>
    public string PageUrl => $"/films/{EntryId}";
}

/// <summary>A competition's public film list: its name and its films in entry-number order.</summary>
/// <param name="CompetitionId">The competition.</param>
/// <param name="CompetitionName">e.g. 2025上海市质量品牌故事大赛.</param>
/// <param name="Films">Micro-film entries (赛道 MicroFilm), ordered by entry number.</param>
public sealed record FilmList(int CompetitionId, string CompetitionName, IReadOnlyList<FilmCard> Films);

/// <summary>
/// Reads the films of a competition for the public pages and <c>GET /api/films</c>. The list is kept in memory for
/// <see cref="PublicFilmsOptions.CatalogCacheSeconds"/> (default 10 s): a shared link brings many phones at once and
/// the films change only when the organiser adds one. Counts are never cached here: they come from
/// <see cref="IFilmVoteCounts"/> (voting-core), itself rebuilt from the append-only vote records.
/// </summary>
public sealed class PublicFilmCatalog(IDbContextFactory<JudgingDb> dbs, IServiceProvider services, Microsoft.Extensions.Options.IOptions<PublicFilmsOptions> options, TimeProvider clock)
{
    private sealed record Cached(FilmList? List, DateTimeOffset At);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Cached> lists = new();
    private Cached? current;

    /// <summary>
    /// The competition the public pages show when none is named: the latest (by year, then id) that has at least one
    /// micro-film entry, else the latest; null when the database has no competition.
    /// </summary>
    public async Task<int?> CurrentCompetitionIdAsync(CancellationToken ct)
    {
        if (current is { } c && Fresh(c.At)) return c.List?.CompetitionId;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var withFilms = await db.Competitions.AsNoTracking()
            .Where(x => db.Entries.Any(e => e.CompetitionId == x.Id && e.Track == Track.MicroFilm))
            .OrderByDescending(x => x.Year).ThenByDescending(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
        var id = withFilms ?? await db.Competitions.AsNoTracking().OrderByDescending(x => x.Year).ThenByDescending(x => x.Id)
            .Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
        var list = id is { } i ? await FilmsAsync(i, ct) : null;
        current = new Cached(list, clock.GetUtcNow());
        return id;
    }

    /// <summary>The films of <paramref name="competitionId"/>, or null when there is no such competition.</summary>
    public async Task<FilmList?> FilmsAsync(int competitionId, CancellationToken ct)
    {
        if (lists.TryGetValue(competitionId, out var c) && Fresh(c.At)) return c.List;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var name = await db.Competitions.AsNoTracking().Where(x => x.Id == competitionId).Select(x => x.Name).FirstOrDefaultAsync(ct);
        FilmList? list = null;
        if (name is not null)
        {
            var films = await (from e in db.Entries.AsNoTracking()
                               where e.CompetitionId == competitionId && e.Track == Track.MicroFilm
                               join u in db.Units on e.UnitId equals u.Id
                               orderby e.Code
                               select new FilmCard(e.Id, e.CompetitionId, e.Code, e.Title, u.Name, e.Presenter, e.DurationMinutes)).ToListAsync(ct);
            // Entry numbers sort ordinally (WDY-001 … WDY-030), the same on SQLite and in memory.
            list = new FilmList(competitionId, name, films.OrderBy(f => f.Code, StringComparer.Ordinal).ToList());
        }
        lists[competitionId] = new Cached(list, clock.GetUtcNow());
        return list;
    }

    /// <summary>One film by entry id, or null when the entry does not exist or is not a micro-film.</summary>
    public async Task<(FilmCard Film, string CompetitionName)?> FilmAsync(int entryId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var competitionId = await db.Entries.AsNoTracking().Where(e => e.Id == entryId && e.Track == Track.MicroFilm)
            .Select(e => (int?)e.CompetitionId).FirstOrDefaultAsync(ct);
        if (competitionId is not { } id || await FilmsAsync(id, ct) is not { } list) return null;
        // A film added since the list was cached: read it directly.
        if (list.Films.FirstOrDefault(f => f.EntryId == entryId) is { } film) return (film, list.CompetitionName);
        lists.TryRemove(id, out _);
        return await FilmsAsync(id, ct) is { } fresh && fresh.Films.FirstOrDefault(f => f.EntryId == entryId) is { } f2 ? (f2, fresh.CompetitionName) : null;
    }

    /// <summary>
    /// Public counts of <paramref name="competitionId"/> (entry id → accepted votes not held or excluded) from
    /// <see cref="IFilmVoteCounts"/>; empty while no implementation is registered.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, long>> CountsAsync(int competitionId, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return scope.ServiceProvider.GetService<IFilmVoteCounts>() is { } counts
            ? await counts.PublicCountsAsync(competitionId, ct)
            : new Dictionary<int, long>();
    }

    private bool Fresh(DateTimeOffset at) => clock.GetUtcNow() - at < TimeSpan.FromSeconds(options.Value.CatalogCacheSeconds);
}
