namespace Judging.App.LiveRounds;

using Judging.App.Scoring;
using Judging.App.Persistence;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>One line of a leaderboard. Score and rank are null while unscored or while scores are hidden.</summary>
public sealed record LeaderboardRow(
    int? Rank, int EntryId, string Code, string Title, string Unit, string? Group, string Presenter, int Position,
    decimal? Score, string ScoreText, int JudgesSubmitted, int JudgesExpected, bool OnStage, bool SharedRank, string? DecidedBy);

/// <summary>
/// A round's leaderboard as shown on the projector and sent over <c>/hubs/leaderboard</c>. <see cref="HideScores"/> is true
/// while the organiser hides scores, and in a blind online review (<see cref="Domain.Reviews.BlindReview"/>) for everyone
/// but staff: then no row has a rank or a score.
/// </summary>
public sealed record LeaderboardView(
    int RoundId, string Title, string Status, bool HideScores, int? OnStageEntryId, bool ScoringOpen,
    IReadOnlyList<string> Criteria, string RuleText, IReadOnlyList<LeaderboardRow> Rows, DateTimeOffset GeneratedAt);

/// <summary>The effective cards of a round: per entry, the latest non-unlocked record of each judge.</summary>
public sealed record RoundCards(IReadOnlyDictionary<int, IReadOnlyList<(ScoreRecord Record, IReadOnlyList<decimal> Points)>> ByEntry);

/// <summary>
/// Computes leaderboards from the append-only score records (never from a cache), so a leaderboard can be
/// recomputed and audited at any time. Ranking rules: <see cref="Ranking"/>.
/// </summary>
public sealed class LeaderboardService(JudgingDb db, IOptions<ScoringOptions> scoring, TimeProvider clock)
{
    /// <summary>The effective (submitted and not unlocked) cards of <paramref name="roundId"/>.</summary>
    public async Task<RoundCards> EffectiveCardsAsync(int roundId, CancellationToken ct)
    {
        var records = await db.EffectiveScoreRecords().Where(r => r.RoundId == roundId).ToListAsync(ct);
        var byEntry = records
            .GroupBy(r => r.EntryId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(ScoreRecord, IReadOnlyList<decimal>)>)g
                .GroupBy(r => r.JudgeId).Select(j => j.MaxBy(r => r.Id)!)
                .OrderBy(r => r.JudgeId).Select(r => (r, r.ParsePoints())).ToList());
        return new RoundCards(byEntry);
    }

    /// <summary>
    /// The leaderboard of <paramref name="roundId"/> as anyone may see it (the JSON API, the hub, the projector), or null when
    /// there is no such round. An online review round is blind until the organiser publishes its results
    /// (<see cref="Domain.Reviews.BlindReview.ScoresArePublic"/>): no rank, no score, rows in running order.
    /// </summary>
    public Task<LeaderboardView?> GetAsync(int roundId, CancellationToken ct) => GetAsync(roundId, staff: false, ct);

    /// <summary>
    /// The leaderboard for the organiser's own pages (console, running order, award checks): an online review's scores are
    /// shown before publication. Never hand this view to a public route. The organiser's hide-scores mode still applies.
    /// </summary>
    public Task<LeaderboardView?> GetForStaffAsync(int roundId, CancellationToken ct) => GetAsync(roundId, staff: true, ct);

    private async Task<LeaderboardView?> GetAsync(int roundId, bool staff, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var hideScores = round.HideScores;
        if (!staff && round.Online)
        {
            var settings = await db.Set<Domain.Reviews.ReviewSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.RoundId == roundId, ct);
            hideScores |= !Domain.Reviews.BlindReview.ScoresArePublic(round, settings);
        }
        var sheet = await db.ScoreSheets.AsNoTracking().Include(s => s.Criteria).FirstAsync(s => s.Id == round.ScoreSheetId, ct);
        var division = round.DivisionId is { } did ? await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == did, ct) : null;
        var order = await (from re in db.RoundEntries.AsNoTracking()
                           where re.RoundId == roundId
                           join e in db.Entries on re.EntryId equals e.Id
                           join u in db.Units on e.UnitId equals u.Id
                           join g in db.Groups on u.GroupId equals (int?)g.Id into gs
                           from g in gs.DefaultIfEmpty()
                           orderby re.Position
                           select new { re.Position, Entry = e, Unit = u, Group = g == null ? null : g.Name }).ToListAsync(ct);
        var panel = await RoundPanel.LoadAsync(db, round, ct);
        var cards = await EffectiveCardsAsync(roundId, ct);

        var ranked = Ranking.Rank(order.Select(o => new EntryCards(o.Entry.Id,
            cards.ByEntry.TryGetValue(o.Entry.Id, out var c) ? c.Select(x => new ScoreCard(o.Entry.Id, x.Record.JudgeId, x.Points)).ToList() : [])), scoring.Value)
            .ToDictionary(r => r.EntryId);

        var rows = order.Select(o =>
        {
            var r = ranked[o.Entry.Id];
            var hide = hideScores;
            return new LeaderboardRow(hide ? null : r.Rank, o.Entry.Id, o.Entry.Code, o.Entry.Title, o.Unit.Name, o.Group, o.Entry.Presenter,
                o.Position, hide ? null : r.Score, hide ? "" : Aggregation.Display(r.Score), r.JudgesSubmitted,
                panel.ExpectedFor(o.Entry.Id, o.Unit), round.OnStageEntryId == o.Entry.Id, !hide && r.SharedRank, hide ? null : r.DecidedBy);
        });
        rows = hideScores
            ? rows.OrderBy(r => r.Position)
            : rows.OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Position);

        var title = RoundTitle.Of(round, division?.Name);
        var o2 = scoring.Value;
        var rule = $"评委 ≥{o2.TrimWhenAtLeast} 人时去掉 {o2.TrimHighest} 个最高分和 {o2.TrimLowest} 个最低分取平均；同分时{string.Join("，", o2.ParsedTieBreaks().Select(t => t.Describe()))}";
        return new LeaderboardView(roundId, title, RoundStatusNames.Of(round.Status), hideScores, round.OnStageEntryId, round.ScoringOpen,
            sheet.Criteria.OrderBy(c => c.Order).Select(c => c.Name).ToList(), rule, rows.ToList(), clock.GetUtcNow());
    }
}

/// <summary>The judges of a round and their conflicts: who is expected to score which entry.</summary>
public sealed class RoundPanel
{
    public required IReadOnlyList<Judge> Judges { get; init; }
    public required IReadOnlyDictionary<int, Unit> ConflictUnits { get; init; }

    /// <summary>Loads the panel: the round's track's judges of its division (a round without a division: the track's judges without one).</summary>
    public static async Task<RoundPanel> LoadAsync(JudgingDb db, Round round, CancellationToken ct)
    {
        var judges = await db.JudgesOf(round).OrderBy(j => j.Code).ToListAsync(ct);
        var ids = judges.Where(j => j.ConflictUnitId != null).Select(j => j.ConflictUnitId!.Value).ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        // Online review: the experts assigned to each entry (issue 5); before any assignment, the panel as below.
        var assigned = round.Online ? await Reviews.ReviewCards.AssignedPerEntryAsync(db, round.Id, ct) : null;
        return new RoundPanel { Judges = judges, ConflictUnits = units, AssignedPerEntry = assigned };
    }

    /// <summary>In an online round with assignments: entry id → experts assigned; otherwise null.</summary>
    public IReadOnlyDictionary<int, int>? AssignedPerEntry { get; init; }

    /// <summary>Expected judges of an entry: its assigned experts in an online round, else <see cref="ExpectedFor(Unit)"/>.</summary>
    public int ExpectedFor(int entryId, Unit entryUnit) => AssignedPerEntry is { } a ? a.GetValueOrDefault(entryId) : ExpectedFor(entryUnit);

    /// <summary>True when <paramref name="judge"/> must not score an entry of <paramref name="entryUnit"/> (<see cref="ConflictRule"/>).</summary>
    public bool IsConflicted(Judge judge, Unit entryUnit) =>
        ConflictRule.IsConflicted(judge, judge.ConflictUnitId is { } id ? ConflictUnits.GetValueOrDefault(id) : null, entryUnit);

    /// <summary>How many judges are expected to score an entry of <paramref name="entryUnit"/>.</summary>
    public int ExpectedFor(Unit entryUnit) => Judges.Count(j => !IsConflicted(j, entryUnit));
}
