namespace Judging.App.VenueVoting;

using Judging.App.Persistence;
using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The result of one audience award, for the awards list, certificates and announcements.
/// </summary>
/// <param name="AwardName">e.g. 最具风采奖 (<see cref="AudienceAwardCatalog"/>).</param>
/// <param name="EntryId">The winning entry, or null while undecided.</param>
/// <param name="Source">How it was decided (zh-CN as text; pages word it with <c>Wordings</c>): "现场观众投票 128 票" (the winner's votes), "现场观众投票 52 票（并列第一，组织者决定）", "评委推选", or while undecided "现场观众投票" / "未设置评选方式".</param>
/// <param name="Decided">False while the vote is not closed, tied and undecided, without votes, nothing designated, or no mode chosen.</param>
/// <param name="Note">The organiser's reason, the total of valid votes, or what is still missing (Chinese); may be null.</param>
public sealed record AudienceAwardResult(string AwardName, int? EntryId, Wording Source, bool Decided, Wording? Note);

/// <summary>One award on the organiser's page: its mode, decision in force, live vote with counts, and standing.</summary>
/// <param name="AwardName">e.g. 最具风采奖.</param>
/// <param name="Latest">The decision row in force (null: no mode chosen yet).</param>
/// <param name="Vote">The award's live vote with candidates and counts, or null when none was created.</param>
/// <param name="Standing">Where the award stands (<see cref="AudienceAwardRules.Resolve"/>).</param>
public sealed record AudienceAwardPanel(string AwardName, AudienceAwardDecision? Latest, AudienceCount? Vote, AudienceAwardStanding Standing)
{
    /// <summary>The award's mode, or null when not chosen yet.</summary>
    public AwardMode? Mode => Latest?.Mode;
}

/// <summary>The audience awards of one competition's track, for the organiser's page.</summary>
/// <param name="CompetitionId">The competition.</param>
/// <param name="CompetitionName">e.g. 2025上海市质量品牌故事大赛 ("" when unknown).</param>
/// <param name="Track">The track.</param>
/// <param name="FinalRoundId">The track's final round, or null while finalists are not selected.</param>
/// <param name="Finalists">Its running order (empty without a final round).</param>
/// <param name="Awards">One panel per award of <see cref="AudienceAwardCatalog.Of"/>, in the notice's order.</param>
/// <param name="PublicVotes">Films: the accepted public votes (frozen or live), for 网络投票; null for other tracks.</param>
/// <param name="EntryNames">Every entry of the track: code and title by id (a public-vote winner need not be a finalist).</param>
public sealed record AudienceAwardBoard(int CompetitionId, string CompetitionName, Track Track, int? FinalRoundId,
    IReadOnlyList<AudienceCandidate> Finalists, IReadOnlyList<AudienceAwardPanel> Awards,
    PublicVoteCount? PublicVotes = null, IReadOnlyDictionary<int, (string Code, string Title, string Unit)>? EntryNames = null);

/// <summary>
/// Where the audience awards (观摩奖项, seed 000, 附件1 (八)) stand, computed from the append-only votes and
/// decisions (never cached). Rules: <see cref="AudienceAwardRules"/> and <see cref="AudienceTally"/>.
/// </summary>
public sealed class AudienceAwardsService(JudgingDb db, AudienceTallyService tallies, FilmVoting.IFilmVoteCounts filmVotes)
{
    /// <summary>
    /// One result per audience award of <paramref name="track"/> (<see cref="AudienceAwardCatalog.Of"/>, in order;
    /// empty for a track without audience awards). Undecided awards are listed with <c>Decided</c> false.
    /// </summary>
    public async Task<IReadOnlyList<AudienceAwardResult>> GetResultsAsync(int competitionId, Track track, CancellationToken ct)
    {
        var board = await GetBoardAsync(competitionId, track, ct);
        return board.Awards.Select(a => new AudienceAwardResult(a.AwardName, a.Standing.EntryId, a.Standing.Source, a.Standing.Decided, a.Standing.Note)).ToList();
    }

    /// <summary>The awards of <paramref name="track"/> with their modes, votes and standings.</summary>
    public async Task<AudienceAwardBoard> GetBoardAsync(int competitionId, Track track, CancellationToken ct)
    {
        var name = await db.Set<Competition>().AsNoTracking().Where(c => c.Id == competitionId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var final = await tallies.FinalRoundAsync(competitionId, track, ct);
        var finalists = final is null ? [] : await tallies.CandidatesAsync(final.Id, ct);
        var decisions = await db.Set<AudienceAwardDecision>().AsNoTracking()
            .Where(d => d.CompetitionId == competitionId && d.Track == track).ToListAsync(ct);
        var questions = await db.Set<AudienceQuestion>().AsNoTracking()
            .Where(q => q.CompetitionId == competitionId && q.Track == track).ToListAsync(ct);
        var publicVotes = track == Track.MicroFilm ? await PublicVotesAsync(competitionId, ct) : null;
        var names = await (from e in db.Set<Entry>().AsNoTracking()
                           where e.CompetitionId == competitionId && e.Track == track
                           join u in db.Set<Unit>() on e.UnitId equals u.Id
                           select new { e.Id, e.Code, e.Title, Unit = u.Name }).ToDictionaryAsync(x => x.Id, x => (x.Code, x.Title, x.Unit), ct);
        var panels = new List<AudienceAwardPanel>();
        foreach (var award in AudienceAwardCatalog.Of(track))
        {
            var latest = decisions.Where(d => d.AwardName == award).MaxBy(d => d.Id);
            var question = questions.FirstOrDefault(q => q.AwardName == award);
            var vote = question is null ? null : await tallies.CountAsync(question.Id, ct);
            panels.Add(new AudienceAwardPanel(award, latest, vote, AudienceAwardRules.Resolve(latest, vote?.Question, vote?.Tally, publicVotes)));
        }
        return new AudienceAwardBoard(competitionId, name, track, final?.Id, finalists, panels, publicVotes, names);
    }

    /// <summary>
    /// Films: the accepted public votes — frozen in the track settings when the finalists were confirmed, the live public
    /// counts before that.
    /// </summary>
    public async Task<PublicVoteCount> PublicVotesAsync(int competitionId, CancellationToken ct)
    {
        var frozen = await db.Set<Finalists.TrackSettings>().AsNoTracking()
            .Where(s => s.CompetitionId == competitionId && s.Track == Track.MicroFilm).Select(s => s.PublicVotesSnapshot).FirstOrDefaultAsync(ct);
        var votes = frozen is not null
            ? System.Text.Json.JsonSerializer.Deserialize<Dictionary<int, long>>(frozen)!
            : new Dictionary<int, long>(await filmVotes.PublicCountsAsync(competitionId, ct));
        // A film withdrawn or disqualified (its latest eligibility decision) cannot win the popularity award.
        var eligibility = (await db.Set<Finalists.ResultDecision>().AsNoTracking()
                .Where(d => d.CompetitionId == competitionId && d.Track == Track.MicroFilm && d.Kind == Finalists.DecisionKind.Eligibility).ToListAsync(ct))
            .GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Id)!)
            .Where(d => d.Value != nameof(Domain.Finalists.Eligibility.Eligible)).Select(d => int.Parse(d.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        return new PublicVoteCount(votes.Where(kv => !eligibility.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value), frozen is not null);
    }
}
