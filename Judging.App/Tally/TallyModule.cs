namespace Judging.App.Tally;

using System.Text.Json;
using Judging.App.Accounts;
using Judging.App.Finalists;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.FilmVoting;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Judging.Domain.Tally;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// The verifiable tally (issue 14, §2), wired in by <see cref="ConfigureModel"/>, <see cref="AddTally"/> and <see cref="MapTally"/>:
/// the chain itself is appended by <see cref="TallyLedger"/> (cards, unlocks and cluster decisions through
/// <see cref="JudgingDb"/>'s save; votes and holds by the film-vote writer), and
/// <c>GET /results/{competitionId}/tally.json</c> exports it (<see cref="TallyExport"/>): to the organiser at any time, to
/// everyone once a track's results are published. Format and verifier: docs/tally.md, <c>tools/verify-tally</c>.
/// </summary>
public static class TallyModule
{
    /// <summary>Adds TallyLinks (key: competition + seq) to the model.</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<TallyLink>(e =>
        {
            e.ToTable("TallyLinks");
            // The key is the chain position: one insert into one B-tree per link (on SQLite the table is WITHOUT ROWID, see the
            // migration), which keeps the chain's cost on the vote path low (bench/votes/chain.sh).
            e.HasKey(x => new { x.CompetitionId, x.Seq });
            e.Property(x => x.Body).HasMaxLength(400);
            e.Property(x => x.Hash).HasMaxLength(64);
        });
    }

    /// <summary>Registers <see cref="TallyOptions"/> (<c>Judging:Tally</c>), the ledger and the export.</summary>
    public static IServiceCollection AddTally(this IServiceCollection services)
    {
        services.AddOptions<TallyOptions>().BindConfiguration(TallyOptions.Section);
        services.AddSingleton<TallyLedger>();
        services.AddScoped<TallyExport>();
        return services;
    }

    /// <summary>Maps <c>GET /results/{competitionId}/tally.json</c>.</summary>
    public static IEndpointRouteBuilder MapTally(this IEndpointRouteBuilder app)
    {
        app.MapGet("/results/{competitionId:int}/tally.json", async (int competitionId, HttpContext http, TallyExport export, CancellationToken ct) =>
        {
            var organiser = http.User.IsInRole(Roles.Organiser);
            if (!await export.ExistsAsync(competitionId, ct)) return Results.NotFound();
            // Public once results are published; before that the organiser's only (an outsider learns nothing, not even that it exists).
            if (!organiser && !await export.PublishedAsync(competitionId, ct)) return Results.NotFound();
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"tally-{competitionId}.json\"";
            http.Response.Headers.CacheControl = "no-store";
            await export.WriteAsync(competitionId, http.Response.Body, ct);
            return Results.Empty;
        });
        return app;
    }
}

/// <summary>
/// Writes a competition's tally export (<see cref="TallyChain.Format"/>, JSON): its head, the trimming rule, reason codes, the
/// entries and rounds the bodies name, and every link in order. Voters appear only as pseudonyms; judges as ids (names are in
/// the judges' list of the competition, not here).
/// </summary>
public sealed class TallyExport(JudgingDb db, IOptions<ScoringOptions> scoring, TimeProvider clock)
{
    /// <summary>True when the competition exists.</summary>
    public Task<bool> ExistsAsync(int competitionId, CancellationToken ct) => db.Competitions.AnyAsync(c => c.Id == competitionId, ct);

    /// <summary>True when at least one track of the competition has published results.</summary>
    public Task<bool> PublishedAsync(int competitionId, CancellationToken ct) =>
        db.Set<TrackSettings>().AnyAsync(s => s.CompetitionId == competitionId && s.PublishedAt != null, ct);

    /// <summary>Streams the export of <paramref name="competitionId"/> to <paramref name="output"/> (UTF-8 JSON, no BOM).</summary>
    public async Task WriteAsync(int competitionId, Stream output, CancellationToken ct)
    {
        var competition = await db.Competitions.AsNoTracking().FirstAsync(c => c.Id == competitionId, ct);
        var head = await TallyLedger.HeadAsync(db, competitionId, ct);
        await using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", TallyChain.Format);
        w.WriteNumber("competitionId", competitionId);
        w.WriteString("competition", competition.Name);
        w.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartObject("head");
        w.WriteNumber("length", head.Length);
        w.WriteString("hash", head.Hash);
        w.WriteEndObject();
        var o = scoring.Value;
        w.WriteStartObject("trimming");
        w.WriteNumber("trimHighest", o.TrimHighest);
        w.WriteNumber("trimLowest", o.TrimLowest);
        w.WriteNumber("trimWhenAtLeast", o.TrimWhenAtLeast);
        w.WriteEndObject();
        w.WriteStartObject("reasonCodes");
        foreach (var r in Enum.GetValues<VoteReasons>().Where(r => r != VoteReasons.Ok)) w.WriteString(((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture), r.ToString());
        w.WriteEndObject();
        w.WriteStartArray("entries");
        foreach (var e in await db.Entries.AsNoTracking().Where(e => e.CompetitionId == competitionId).OrderBy(e => e.Id).ToListAsync(ct))
        {
            w.WriteStartObject();
            w.WriteNumber("id", e.Id);
            w.WriteString("code", e.Code);
            w.WriteString("title", e.Title);
            w.WriteString("track", e.Track.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.CompetitionId == competitionId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        w.WriteStartArray("rounds");
        foreach (var r in await db.Rounds.AsNoTracking().Where(r => r.CompetitionId == competitionId).OrderBy(r => r.Id).ToListAsync(ct))
        {
            w.WriteStartObject();
            w.WriteNumber("id", r.Id);
            w.WriteString("title", RoundTitle.Of(r, r.DivisionId is { } d ? divisions.GetValueOrDefault(d) : null));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("links");
        // Streamed in seq order, up to the head read above (links appended meanwhile belong to the next export).
        var links = db.Set<TallyLink>().AsNoTracking().Where(l => l.CompetitionId == competitionId && l.Seq <= head.Length).OrderBy(l => l.Seq)
            .Select(l => new { l.Seq, l.Body, l.Hash }).AsAsyncEnumerable();
        var n = 0;
        await foreach (var l in links.WithCancellation(ct))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", l.Seq);
            w.WriteString("body", l.Body);
            w.WriteString("hash", l.Hash);
            w.WriteEndObject();
            if (++n % 2000 == 0) await w.FlushAsync(ct);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }
}
