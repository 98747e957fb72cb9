namespace Judging.App.VenueVoting;

using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.VenueVoting;
using Judging.Domain.Competitions;
using Judging.Domain.LiveRounds;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// What the organiser's audience-awards page (<c>/organiser/audience-awards/{competitionId}</c>) reads and does,
/// so the page can be tested without a database: the board (<see cref="AudienceAwardsService.GetBoardAsync"/>) and
/// the console's actions. Actions return the server's refusal in the UI culture, or null when done (see
/// <see cref="AudienceVoteConsole"/> for each rule).
/// </summary>
public interface IAudienceVoteConsole
{
    /// <summary>The track's audience awards with their modes, votes, tallies and standings.</summary>
    Task<AudienceAwardBoard> GetBoardAsync(int competitionId, Track track, CancellationToken ct);

    /// <summary>Sets the award's mode; refused while its live vote is open.</summary>
    Task<string?> SetModeAsync(int competitionId, Track track, string awardName, AwardMode mode, string actor, CancellationToken ct);

    /// <summary>Records the judges' designated winner (a finalist) with a reason (1–500 characters).</summary>
    Task<string?> DesignateAsync(int competitionId, Track track, string awardName, int? entryId, string? reason, string actor, CancellationToken ct);

    /// <summary>Names one of the entries tied for the most live votes the winner, with a reason; the vote must be closed.</summary>
    Task<string?> BreakTieAsync(int questionId, int entryId, string? reason, string actor, CancellationToken ct);

    /// <summary>Films: names one of the entries tied for the most (frozen) public votes the winner, with a reason.</summary>
    Task<string?> BreakPublicTieAsync(int competitionId, Track track, string awardName, int entryId, string? reason, string actor, CancellationToken ct);

    /// <summary>Creates the award's live vote on the final round (not yet open), tied to <paramref name="assurance"/>.</summary>
    Task<string?> CreateQuestionAsync(int competitionId, Track track, string awardName, string actor, CancellationToken ct,
        VoteAssurance assurance = VoteAssurance.BallotCode);

    /// <summary>Changes what one vote is tied to; only before the vote is opened.</summary>
    Task<string?> SetAssuranceAsync(int questionId, VoteAssurance assurance, string actor, CancellationToken ct);

    /// <summary>Issues ballot cards 1…<paramref name="count"/> of a ballot-code question.</summary>
    Task<string?> IssueBallotsAsync(int questionId, int count, string actor, CancellationToken ct);

    /// <summary>Cards issued, flood flags and refused posts of a question; null when it does not exist.</summary>
    Task<AssuranceStatus?> AssuranceStatusAsync(int questionId, CancellationToken ct);

    /// <summary>Opens the vote.</summary>
    Task<string?> OpenAsync(int questionId, string actor, CancellationToken ct);

    /// <summary>Closes the vote for good.</summary>
    Task<string?> CloseAsync(int questionId, string actor, CancellationToken ct);
}

/// <summary>
/// The organiser's controls of the audience awards (seed 000, 附件1 (八)): choose each award's mode; for a live
/// vote create, open and close it (votes close on the organiser's word) and pick the winner of a tie with a
/// reason; for a designated award record the judges' pick with a reason. Every action appends an
/// <see cref="AuditEntry"/> (and, for decisions, an <see cref="AudienceAwardDecision"/>) and is announced as
/// <see cref="AudienceVoteChanged"/>. Methods return a refusal in the UI culture (zh-CN default, English in
/// Resources/VenueVoting/AudienceVoteConsole.en.resx; the rules' own texts worded by <see cref="Wordings"/>), or null when done; the audit log stays Chinese.
/// </summary>
public sealed class AudienceVoteConsole(JudgingDb db, AudienceTallyService tallies, ILiveEvents events, TimeProvider clock, AudienceAwardsService awards,
    AudienceFloodGuard guard, BallotCodes codes, Microsoft.Extensions.Options.IOptionsMonitor<AudienceVoteOptions> options,
    IStringLocalizer<AudienceVoteConsole> L, IStringLocalizer<Wordings> W) : IAudienceVoteConsole
{
    /// <inheritdoc />
    public Task<AudienceAwardBoard> GetBoardAsync(int competitionId, Track track, CancellationToken ct) => awards.GetBoardAsync(competitionId, track, ct);

    /// <summary>Longest reason kept (characters).</summary>
    public const int ReasonMaxLength = 500;

    /// <summary>Sets the award's mode (现场观众投票 or 评委推选); refused while its live vote is open.</summary>
    public Task<string?> SetModeAsync(int competitionId, Track track, string awardName, AwardMode mode, string actor, CancellationToken ct) =>
        DecideAsync(competitionId, track, awardName, actor, $"设置评选方式：{AudienceNames.Of(mode)}", (latest, question) =>
        {
            var error = !AudienceAwardCatalog.ModesOf(track).Contains(mode) ? L["{0}的观摩奖项不能用{1}评选", TrackName(track), W.Word(AudienceNames.Of(mode))].Value
                : W.Word(AudienceAwardRules.CheckModeChange(latest?.Mode, mode, question?.Status));
            return Task.FromResult<(string?, AudienceAwardDecision?)>(error is not null ? (error, null) : (null, new AudienceAwardDecision
            {
                CompetitionId = competitionId, Track = track, AwardName = awardName, Kind = AwardDecisionKind.ModeChosen, Mode = mode, Actor = actor,
            }));
        }, ct);

    /// <summary>Records the judges' designated winner with a reason (评委推选); the entry must be a finalist.</summary>
    public Task<string?> DesignateAsync(int competitionId, Track track, string awardName, int? entryId, string? reason, string actor, CancellationToken ct) =>
        DecideAsync(competitionId, track, awardName, actor, $"评委推选获奖作品：作品 {entryId}", async (latest, _) =>
        {
            var final = await tallies.FinalRoundAsync(competitionId, track, ct);
            if (final is null) return (L["决赛轮次尚未建立，无法推选"].Value, null);
            var finalists = await db.Set<RoundEntry>().AsNoTracking().Where(x => x.RoundId == final.Id).Select(x => x.EntryId).ToListAsync(ct);
            var error = W.Word(AudienceAwardRules.CheckDesignation(latest?.Mode, finalists, entryId, reason)) ?? CheckLength(reason);
            if (error is not null) return (error, null);
            return (null, new AudienceAwardDecision
            {
                CompetitionId = competitionId, Track = track, AwardName = awardName, Kind = AwardDecisionKind.Designated, Mode = AwardMode.Designated,
                EntryId = entryId, Reason = reason!.Trim(), Actor = actor,
            });
        }, ct);

    /// <summary>Names one of the entries tied for the most votes the winner, with a reason; only once the vote is closed.</summary>
    public async Task<string?> BreakTieAsync(int questionId, int entryId, string? reason, string actor, CancellationToken ct)
    {
        var q = await db.Set<AudienceQuestion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return L["投票不存在"];
        return await DecideAsync(q.CompetitionId, q.Track, q.AwardName, actor, $"并列第一，组织者决定获奖作品：作品 {entryId}", async (latest, question) =>
        {
            var count = await tallies.CountAsync(questionId, ct);
            var error = W.Word(AudienceAwardRules.CheckTieBreak(latest?.Mode, question!.Status, count!.Tally, entryId, reason)) ?? CheckLength(reason);
            if (error is not null) return (error, null);
            return (null, new AudienceAwardDecision
            {
                CompetitionId = q.CompetitionId, Track = q.Track, AwardName = q.AwardName, Kind = AwardDecisionKind.TieBroken, Mode = AwardMode.LiveVote,
                EntryId = entryId, QuestionId = questionId, Reason = reason!.Trim(), Actor = actor,
            });
        }, ct);
    }

    /// <summary>
    /// Films, 网络投票: names one of the films tied for the most accepted votes the winner, with a reason; only once the counts
    /// are frozen (the finalists confirmed).
    /// </summary>
    public Task<string?> BreakPublicTieAsync(int competitionId, Track track, string awardName, int entryId, string? reason, string actor, CancellationToken ct) =>
        DecideAsync(competitionId, track, awardName, actor, $"网络投票并列第一，组织者决定获奖作品：作品 {entryId}", async (latest, _) =>
        {
            var votes = track == Track.MicroFilm ? await awards.PublicVotesAsync(competitionId, ct) : null;
            var error = W.Word(AudienceAwardRules.CheckPublicTieBreak(latest?.Mode, votes, entryId, reason)) ?? CheckLength(reason);
            if (error is not null) return (error, null);
            return (null, new AudienceAwardDecision
            {
                CompetitionId = competitionId, Track = track, AwardName = awardName, Kind = AwardDecisionKind.TieBroken, Mode = AwardMode.PublicVote,
                EntryId = entryId, Reason = reason!.Trim(), Actor = actor,
            });
        }, ct);

    /// <summary>
    /// Creates the award's live vote on the track's final round (not yet open); the award must be in live-vote mode.
    /// <paramref name="assurance"/>: what one vote is tied to (issue 10, item 3), printed ballot codes by default.
    /// </summary>
    public async Task<string?> CreateQuestionAsync(int competitionId, Track track, string awardName, string actor, CancellationToken ct,
        VoteAssurance assurance = VoteAssurance.BallotCode)
    {
        if (!AudienceAwardCatalog.Contains(track, awardName)) return L["未知的观摩奖项"];
        // Published results do not change underneath the public page: withdraw the publication first.
        if (await db.Set<Finalists.TrackSettings>().AsNoTracking().AnyAsync(s => s.CompetitionId == competitionId && s.Track == track && s.PublishedAt != null, ct))
            return L["结果已发布，观摩奖项不能再修改；如确需修改，请先在奖项评定页撤回发布"];
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var latest = await LatestAsync(competitionId, track, awardName, ct);
        if (latest?.Mode != AwardMode.LiveVote) return L["请先将评选方式设为现场观众投票"];
        if (await db.Set<AudienceQuestion>().AnyAsync(x => x.CompetitionId == competitionId && x.Track == track && x.AwardName == awardName, ct))
            return L["该奖项已创建投票"];
        var final = await tallies.FinalRoundAsync(competitionId, track, ct);
        if (final is null) return L["决赛轮次尚未建立（入围决赛名单确定后生成），暂不能创建投票"];
        if (!await db.Set<RoundEntry>().AnyAsync(x => x.RoundId == final.Id, ct)) return L["决赛轮次还没有选手"];
        if (!Enum.IsDefined(assurance)) return L["未知的投票方式"];
        var q = new AudienceQuestion { CompetitionId = competitionId, Track = track, AwardName = awardName, RoundId = final.Id, Status = QuestionStatus.NotOpened, CreatedAt = clock.GetUtcNow(), Assurance = assurance };
        db.Add(q);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return L["该奖项已创建投票"];
        }
        db.Add(Audit(actor, "创建现场观众投票", $"观众投票 {q.Id}（{awardName}）", null, Describe(q), null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await events.PublishAsync(new AudienceVoteChanged(q.Id), ct);
        return null;
    }

    /// <summary>Changes what one vote is tied to (issue 10, item 3); only before the vote is opened.</summary>
    public Task<string?> SetAssuranceAsync(int questionId, VoteAssurance assurance, string actor, CancellationToken ct) =>
        MoveAsync(questionId, actor, $"设置投票方式：{AudienceNames.Of(assurance)}", q =>
        {
            if (!Enum.IsDefined(assurance)) return L["未知的投票方式"];
            if (q.Status != QuestionStatus.NotOpened) return L["投票开始后不能更改投票方式"];
            q.Assurance = assurance;
            return null;
        }, ct, allowAnyMode: true);

    /// <summary>
    /// Issues ballot cards 1…<paramref name="count"/> of a ballot-code question (cards already issued stay as they are:
    /// the same seat prints the same code); audited. Print them at <c>/organiser/audience-awards/ballots/{questionId}</c>.
    /// </summary>
    public async Task<string?> IssueBallotsAsync(int questionId, int count, string actor, CancellationToken ct)
    {
        if (count is < 1 or > BallotCodes.MaxCards) return L["选票数量须在 1 到 {0} 之间", BallotCodes.MaxCards];
        var q = await db.Set<AudienceQuestion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return L["投票不存在"];
        if (q.Assurance != VoteAssurance.BallotCode) return L["本投票不使用选票码"];
        if (q.Status == QuestionStatus.Closed) return L["投票已结束"];
        db.ChangeTracker.Clear();
        var have = await db.Set<AudienceBallot>().Where(b => b.QuestionId == questionId).Select(b => b.Seat).ToListAsync(ct);
        var added = 0;
        for (var seat = 1; seat <= count; seat++)
        {
            if (have.Contains(seat)) continue;
            db.Add(new AudienceBallot { QuestionId = questionId, Seat = seat, CodeHash = BallotCodes.Key(questionId, codes.CodeOf(questionId, seat)) });
            added++;
        }
        if (added == 0) return null;
        db.Add(Audit(actor, "生成选票码", $"观众投票 {q.Id}（{q.AwardName}）", $"cards={have.Count}", $"cards={have.Count + added}", null));
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The question's assurance for the console: cards issued, flood flags and refused posts (device cookie).</summary>
    public async Task<AssuranceStatus?> AssuranceStatusAsync(int questionId, CancellationToken ct)
    {
        var q = await db.Set<AudienceQuestion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return null;
        var cards = await db.Set<AudienceBallot>().CountAsync(b => b.QuestionId == questionId, ct);
        IReadOnlyList<FloodFlag> floods = [];
        if (q.Assurance == VoteAssurance.DeviceCookie)
        {
            var o = options.CurrentValue;
            var votes = await db.Set<AudienceVote>().AsNoTracking().Where(v => v.QuestionId == questionId).Select(v => new { v.ClientIpPrefix, v.At }).ToListAsync(ct);
            floods = AudienceFlood.Detect(votes.Select(v => (v.ClientIpPrefix, v.At)), TimeSpan.FromSeconds(o.FloodWindowSeconds), o.FloodVotes);
        }
        return new AssuranceStatus(q.Assurance, cards, floods, guard.Refused(questionId));
    }

    /// <summary>Opens the vote: phones may vote from now on.</summary>
    public Task<string?> OpenAsync(int questionId, string actor, CancellationToken ct) =>
        MoveAsync(questionId, actor, "开始现场观众投票", q =>
        {
            if (W.Word(QuestionTransitions.Open(q.Status)) is { } error) return error;
            q.Status = QuestionStatus.Open;
            q.OpenedAt = clock.GetUtcNow();
            return null;
        }, ct);

    /// <summary>Closes the vote for good: no vote is accepted after this, and the tally is final.</summary>
    public Task<string?> CloseAsync(int questionId, string actor, CancellationToken ct) =>
        MoveAsync(questionId, actor, "结束现场观众投票", q =>
        {
            if (W.Word(QuestionTransitions.Close(q.Status)) is { } error) return error;
            q.Status = QuestionStatus.Closed;
            q.ClosedAt = clock.GetUtcNow();
            return null;
        }, ct);

    private async Task<string?> MoveAsync(int questionId, string actor, string action, Func<AudienceQuestion, string?> change, CancellationToken ct, bool allowAnyMode = false)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var q = await db.Set<AudienceQuestion>().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return L["投票不存在"];
        if (!allowAnyMode && q.Status == QuestionStatus.NotOpened && (await LatestAsync(q.CompetitionId, q.Track, q.AwardName, ct))?.Mode != AwardMode.LiveVote)
            return L["本奖项的评选方式不是现场观众投票"];
        var before = Describe(q);
        if (change(q) is { } error) return error;
        q.Version++;
        var total = await db.Set<AudienceVote>().CountAsync(v => v.QuestionId == questionId, ct);
        db.Add(Audit(actor, action, $"观众投票 {q.Id}（{q.AwardName}）", before, $"{Describe(q)};votes={total}", null));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return L["投票状态已被其他人修改，请刷新后重试"];
        }
        await events.PublishAsync(new AudienceVoteChanged(questionId), ct);
        return null;
    }

    /// <summary>Published results do not change underneath the public page: the publication is withdrawn first.</summary>
    private Task<bool> PublishedAsync(int competitionId, Track track, CancellationToken ct) =>
        db.Set<Finalists.TrackSettings>().AsNoTracking().AnyAsync(s => s.CompetitionId == competitionId && s.Track == track && s.PublishedAt != null, ct);

    private async Task<string?> DecideAsync(int competitionId, Track track, string awardName, string actor, string action,
        Func<AudienceAwardDecision?, AudienceQuestion?, Task<(string? Error, AudienceAwardDecision? Row)>> decide, CancellationToken ct)
    {
        if (!AudienceAwardCatalog.Contains(track, awardName)) return L["未知的观摩奖项"];
        if (await PublishedAsync(competitionId, track, ct)) return L["结果已发布，观摩奖项不能再修改；如确需修改，请先在奖项评定页撤回发布"];
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var latest = await LatestAsync(competitionId, track, awardName, ct);
        var question = await db.Set<AudienceQuestion>().AsNoTracking()
            .FirstOrDefaultAsync(x => x.CompetitionId == competitionId && x.Track == track && x.AwardName == awardName, ct);
        var (error, row) = await decide(latest, question);
        if (error is not null) return error;
        row!.At = clock.GetUtcNow();
        db.Add(row);
        db.Add(Audit(actor, action, $"观摩奖项 {awardName}（{ChineseNames.Of(track)}，大赛 {competitionId}）",
            latest is null ? null : DescribeDecision(latest), DescribeDecision(row), row.Reason));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (question is not null) await events.PublishAsync(new AudienceVoteChanged(question.Id), ct);
        return null;
    }

    private Task<AudienceAwardDecision?> LatestAsync(int competitionId, Track track, string awardName, CancellationToken ct) =>
        db.Set<AudienceAwardDecision>().AsNoTracking()
            .Where(d => d.CompetitionId == competitionId && d.Track == track && d.AwardName == awardName)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    private string? CheckLength(string? reason) =>
        reason is not null && reason.Trim().Length > ReasonMaxLength ? L["理由不超过 {0} 字", ReasonMaxLength].Value : null;

    /// <summary>The track's name in the UI culture (演讲 / 微电影; others as the Domain names them).</summary>
    private string TrackName(Track track) => track switch
    {
        Track.Speech => L["演讲"].Value,
        Track.MicroFilm => L["微电影"].Value,
        _ => ChineseNames.Of(track),
    };

    private AuditEntry Audit(string actor, string action, string subject, string? before, string? after, string? reason) =>
        new() { At = clock.GetUtcNow(), Actor = actor, Action = action, Subject = subject, Before = before, After = after, Reason = reason };

    private static string Describe(AudienceQuestion q) => $"status={q.Status};round={q.RoundId};assurance={q.Assurance};openedAt={q.OpenedAt:O};closedAt={q.ClosedAt:O}";

    private static string DescribeDecision(AudienceAwardDecision d) => $"kind={d.Kind};mode={d.Mode};entry={d.EntryId};question={d.QuestionId}";
}
