namespace Judging.App.VenueVoting;

using Judging.App.Persistence;
using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Microsoft.EntityFrameworkCore;

/// <summary>A finalist as voters see it.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">Entry number (作品编号), e.g. YJ-015.</param>
/// <param name="Title">Entry title (作品名称).</param>
/// <param name="Unit">Unit name (参赛单位).</param>
/// <param name="Presenter">Speaker (演讲者).</param>
/// <param name="Position">Place in the final's running order, 1-based.</param>
public sealed record AudienceCandidate(int EntryId, string Code, string Title, string Unit, string Presenter, int Position);

/// <summary>A vote with its candidates and its counts, read from the database (never from a cache).</summary>
/// <param name="Question">The vote.</param>
/// <param name="CompetitionName">e.g. 2025上海市质量品牌故事大赛.</param>
/// <param name="Candidates">The final round's running order.</param>
/// <param name="Tally">The counts (<see cref="AudienceTally"/>).</param>
public sealed record AudienceCount(AudienceQuestion Question, string CompetitionName, IReadOnlyList<AudienceCandidate> Candidates, TallyResult Tally);

/// <summary>One bar of the projected tally: an <see cref="AudienceCandidate"/> with its votes.</summary>
/// <param name="EntryId">The entry.</param>
/// <param name="Code">Entry number.</param>
/// <param name="Title">Entry title.</param>
/// <param name="Unit">Unit name.</param>
/// <param name="Presenter">Speaker.</param>
/// <param name="Position">Place in the running order, 1-based.</param>
/// <param name="Votes">Votes so far (≥ 0).</param>
/// <param name="Leading">True when no candidate has more votes (and there is at least one vote).</param>
public sealed record AudienceTallyLineView(int EntryId, string Code, string Title, string Unit, string Presenter, int Position, int Votes, bool Leading);

/// <summary>
/// A vote's tally as the projector shows it and <c>/hubs/audience</c> sends it. <c>Status</c> is
/// NotOpened|Open|Closed; <c>Verdict</c> NoVotes|Winner|Tie (final only once closed); <c>VerdictText</c> says it
/// in Chinese once closed ("" before); lines in running order; <c>Leading</c> marks the candidates with the most
/// votes (none while nobody voted).
/// </summary>
/// <param name="QuestionId">The vote.</param>
/// <param name="CompetitionName">e.g. 2025上海市质量品牌故事大赛.</param>
/// <param name="AwardName">e.g. 最具风采奖.</param>
/// <param name="Title">"最具风采奖 · 现场观众投票".</param>
/// <param name="Status">NotOpened|Open|Closed.</param>
/// <param name="StatusText">投票未开始 / 投票进行中 / 投票已结束.</param>
/// <param name="TotalVotes">Votes for candidates.</param>
/// <param name="TopVotes">The most votes of any candidate (0 when none); bars are scaled to it.</param>
/// <param name="Verdict">NoVotes|Winner|Tie (<see cref="AudienceTally"/>).</param>
/// <param name="VerdictText">Chinese verdict once closed, else "".</param>
/// <param name="Lines">One bar per candidate, in running order.</param>
/// <param name="GeneratedAt">When the view was computed (UTC).</param>
public sealed record AudienceTallyView(
    int QuestionId, string CompetitionName, string AwardName, string Title, string Status, string StatusText,
    int TotalVotes, int TopVotes, string Verdict, string VerdictText, IReadOnlyList<AudienceTallyLineView> Lines, DateTimeOffset GeneratedAt);

/// <summary>Reads votes, candidates and tallies; finds a track's final round (the candidates of its audience awards).</summary>
public sealed class AudienceTallyService(JudgingDb db, TimeProvider clock)
{
    /// <summary>The question and its seats in order, for the printed ballot cards; (null, []) for an unknown question.</summary>
    public async Task<(AudienceQuestion? Question, List<int> Seats)> BallotCardsAsync(int questionId, CancellationToken ct)
    {
        var question = await db.Set<AudienceQuestion>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == questionId, ct);
        var seats = await db.Set<AudienceBallot>().AsNoTracking().Where(b => b.QuestionId == questionId).OrderBy(b => b.Seat).Select(b => b.Seat).ToListAsync(ct);
        return (question, seats);
    }

    /// <summary>
    /// The competition's final round of <paramref name="track"/> (<c>Kind == Final</c>, no division), or null
    /// while finalists are not yet selected. The lowest id when there are several.
    /// </summary>
    public Task<Round?> FinalRoundAsync(int competitionId, Track track, CancellationToken ct) =>
        db.Set<Round>().AsNoTracking()
            .Where(r => r.CompetitionId == competitionId && r.Track == track && r.Kind == RoundKind.Final && r.DivisionId == null)
            .OrderBy(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>The running order of <paramref name="roundId"/> with titles, units and speakers.</summary>
    public async Task<IReadOnlyList<AudienceCandidate>> CandidatesAsync(int roundId, CancellationToken ct) =>
        await (from re in db.Set<RoundEntry>().AsNoTracking()
               where re.RoundId == roundId
               join e in db.Set<Entry>() on re.EntryId equals e.Id
               join u in db.Set<Unit>() on e.UnitId equals u.Id
               orderby re.Position
               select new AudienceCandidate(e.Id, e.Code, e.Title, u.Name, e.Presenter, re.Position)).ToListAsync(ct);

    /// <summary>Votes per entry of <paramref name="questionId"/>.</summary>
    public async Task<IReadOnlyDictionary<int, int>> VotesAsync(int questionId, CancellationToken ct) =>
        await db.Set<AudienceVote>().AsNoTracking().Where(v => v.QuestionId == questionId)
            .GroupBy(v => v.EntryId).Select(g => new { g.Key, Votes = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Votes, ct);

    /// <summary>The vote with its candidates and counts, or null when there is no such vote.</summary>
    public async Task<AudienceCount?> CountAsync(int questionId, CancellationToken ct)
    {
        var q = await db.Set<AudienceQuestion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return null;
        var name = await db.Set<Competition>().AsNoTracking().Where(c => c.Id == q.CompetitionId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var candidates = await CandidatesAsync(q.RoundId, ct);
        var tally = AudienceTally.Count(candidates.Select(c => c.EntryId), await VotesAsync(questionId, ct));
        return new AudienceCount(q, name, candidates, tally);
    }

    /// <summary>The projected tally of <paramref name="questionId"/>, or null when there is no such vote.</summary>
    public async Task<AudienceTallyView?> GetViewAsync(int questionId, CancellationToken ct) =>
        await CountAsync(questionId, ct) is { } count ? ToView(count, clock.GetUtcNow()) : null;

    /// <summary>The view of a counted vote.</summary>
    public static AudienceTallyView ToView(AudienceCount count, DateTimeOffset at)
    {
        var (q, tally) = (count.Question, count.Tally);
        var votes = tally.Lines.ToDictionary(l => l.EntryId, l => l.Votes);
        var lines = count.Candidates.Select(c => new AudienceTallyLineView(
            c.EntryId, c.Code, c.Title, c.Unit, c.Presenter, c.Position, votes.GetValueOrDefault(c.EntryId), tally.Leaders.Contains(c.EntryId))).ToList();
        var verdict = q.Status != QuestionStatus.Closed ? "" : tally.Verdict switch
        {
            TallyVerdict.Winner => $"得票最多：{lines.First(l => l.Leading).Position} 号 {lines.First(l => l.Leading).Title}（{tally.TopVotes} 票）",
            TallyVerdict.Tie => $"{tally.Leaders.Count} 位选手并列第一（各 {tally.TopVotes} 票），由组织者决定",
            _ => "无人投票",
        };
        return new AudienceTallyView(q.Id, count.CompetitionName, q.AwardName, q.Title, q.Status.ToString(), AudienceNames.Of(q.Status),
            tally.TotalVotes, tally.TopVotes, tally.Verdict.ToString(), verdict, lines, at);
    }
}
